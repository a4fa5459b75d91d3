// Closed word classes the attribution rules read a sentence with: auxiliaries, clause openers, prepositions, and the
// verb forms that are more often nouns.

/** Words between a subject and its reporting verb: "has said", "later told", "would repeatedly argue". */
export const AUXILIARIES = new Set([
  'has', 'have', 'had', 'is', 'was', 'were', 'are', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'did',
  'does', 'do', 'also', 'later', 'then', 'again', 'once', 'previously', 'recently', 'often', 'never', 'not', 'still',
  'already', 'first', 'simply', 'just', 'even', 'since', 'long', 'reportedly', 'allegedly', 'publicly', 'privately',
  'been', 'be',
  "didn't", 'didn’t', "doesn't", 'doesn’t', "don't", 'don’t', "won't", 'won’t', "wouldn't", 'wouldn’t', "hasn't",
  'hasn’t', "haven't", 'haven’t', "hadn't", 'hadn’t', "wasn't", 'wasn’t', "isn't", 'isn’t', "can't", 'can’t',
  "couldn't", 'couldn’t', "shouldn't", 'shouldn’t',
]);

/** Words that end a subject noun phrase when walking backwards from its verb. */
export const CLAUSE_WORDS = new Set([
  'that', 'which', 'who', 'whom', 'but', 'while', 'because', 'although', 'though', 'if', 'when', 'as', 'so', 'where',
  'whether', 'after', 'before', 'until', 'unless', 'since', 'than', 'once', 'what', 'how', 'why', 'yet', 'or', 'nor',
]);

/** Words that end a speaker noun phrase when walking forwards after "said". */
export const NP_STOP_FORWARD = new Set([
  'in', 'on', 'at', 'during', 'after', 'before', 'to', 'when', 'while', 'as', 'because', 'who', 'which', 'that',
  'about', 'with', 'via', 'through', 'told', 'adding', 'citing', 'referring', 'noting', 'last', 'this', 'on', 'earlier',
  'later', 'yesterday', 'today', 'tonight', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sunday', 'recently', 'then', 'also', 'outside', 'inside', 'into', 'over', 'under', 'by', 'than', 'but', 'so',
]);

export const ORG_WORDS = new Set([
  'party', 'department', 'house', 'senate', 'congress', 'university', 'committee', 'administration', 'campaign',
  'inc', 'news', 'times', 'post', 'council', 'union', 'government', 'ministry', 'agency', 'bureau', 'court', 'kremlin',
  'nato', 'office', 'institute', 'foundation', 'center', 'centre', 'association', 'group', 'network', 'journal',
  'company', 'corporation', 'bank', 'fund', 'commission', 'organization', 'organisation', 'service', 'services',
  'republicans', 'democrats', 'army', 'navy', 'police', 'fbi', 'cia', 'cnn', 'fox', 'msnbc', 'reuters', 'ap', 'bbc',
  'state', 'states', 'united', 'white', 'pentagon', 'parliament', 'assembly', 'club', 'school', 'college', 'press',
]);

export const NON_NAME_CAPITALS = new Set([
  'the', 'a', 'an', 'in', 'on', 'but', 'and', 'it', 'this', 'that', 'these', 'those', 'he', 'she', 'they', 'we', 'i',
  'his', 'her', 'their', 'its', 'our', 'my', 'if', 'when', 'while', 'as', 'at', 'for', 'after', 'before', 'so', 'yet',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'however', 'meanwhile',
  'still', 'there', 'here', 'what', 'why', 'how', 'who', 'one', 'some', 'many', 'most', 'all', 'no', 'not', 'now',
]);

/** Lower-case words that, right after a short quote, show the quote modifies a noun: the “open-door” policy. */
export const NOT_A_NOUN = new Set([
  'and', 'or', 'but', 'as', 'to', 'in', 'of', 'for', 'from', 'that', 'which', 'with', 'is', 'was', 'are', 'were', 'be',
  'been', 'will', 'would', 'can', 'could', 'has', 'have', 'had', 'by', 'on', 'at', 'than', 'because', 'while', 'if',
  'when', 'so', 'yet', 'into', 'over', 'about', 'against', 'despite', 'after', 'before', 'nor', 'not', 'is', 'it', 'he',
  'she', 'they', 'we', 'i', 'you', 'this', 'these', 'those', 'there', 'said', 'says', 'according', 'does', 'did',
  'may', 'might', 'should', 'must', 'shall', 'rather', 'instead', 'though', 'although', 'even', 'until', 'unless',
  'who', 'whom', 'whose', 'where', 'the', 'a', 'an', 'her', 'him', 'them', 'his', 'its', 'their', 'my', 'our', 'your',
  'me', 'us', 'often', 'remains', 'left',
]);

/** Lower-case particles inside a person's name: "Ursula von der Leyen", "Osama bin Laden". */
export const NAME_PARTICLES = ['de', 'van', 'von', 'der', 'bin', 'al', 'la', 'le', 'da', 'di'];

export const DETERMINERS_BEFORE_TERM = new Set(['a', 'an', 'the', 'this', 'that', 'its', 'their', 'his', 'her', 'our', 'so-called', 'what', 'such', 'any', 'no']);

/** Reporting verbs whose bare form is more often a noun: "the Apple Music show", "a Fox News report". */
export const NOUN_BASES = new Set([
  'show', 'report', 'post', 'call', 'note', 'claim', 'answer', 'comment', 'tweet', 'text', 'email', 'message', 'quote',
  'charge', 'demand', 'promise', 'pledge', 'vow', 'hint', 'signal', 'estimate', 'forecast', 'reply', 'response', 'statement',
  'read', 'release', 'brief', 'label', 'brand', 'term', 'frame', 'echo', 'counter', 'blast', 'slam', 'praise', 'hail',
]);

/** Verb forms that are just as often plural nouns ("Western fears", "his claims"). */
export const NOUN_LIKE_FORMS = new Set([
  'fears', 'hopes', 'claims', 'reports', 'calls', 'notes', 'posts', 'answers', 'charges', 'counters', 'worries',
  'texts', 'emails', 'messages', 'quotes', 'demands', 'promises', 'pledges', 'thinks', 'feels', 'finds', 'shows',
  'signals', 'hints', 'terms', 'labels', 'brands', 'frames', 'reads', 'estimates', 'forecasts', 'objects', 'protests',
  'states', 'remarks', 'comments', 'responses', 'replies', 'threats', 'tweets', 'cries', 'laughs', 'blasts', 'slams',
  'vows', 'praises', 'guarantees', 'warnings', 'accounts', 'answers', 'rebuttals', 'assurances', 'descriptions', 'conclusions', 'echoes', 'recalls', 'opens', 'closes', 'begins', 'puts',
]);

export const NOT_SUBJECT_START = new Set([
  'to', 'of', 'in', 'on', 'for', 'with', 'by', 'from', 'not', 'also', 'than', 'into', 'onto', 'over', 'under', 'about',
  'against', 'without', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'can', 'could',
  'should', 'may', 'might', 'must', 'do', 'does', 'did', 'and', 'or', 'but', 'nor', 'so', 'yet', 'then', 'there',
]);

/** Participles that hand a quote to the sentence's subject: "..., saying, “...”", "..., telling reporters that “...”". */
export const PARTICIPLE_CUES = new Set([
  'saying', 'adding', 'tweeting', 'writing', 'telling', 'noting', 'arguing', 'asking', 'explaining', 'insisting',
  'declaring', 'warning', 'calling', 'claiming', 'stating', 'posting', 'announcing', 'vowing', 'promising', 'urging',
  'suggesting', 'describing', 'responding', 'replying', 'complaining', 'acknowledging', 'admitting', 'stressing',
  'recalling', 'predicting', 'charging', 'pointing', 'quipping', 'joking', 'boasting', 'lamenting', 'concluding',
]);

/** Words that may open a sentence before its subject, up to a comma: "In July, ...", "Meanwhile, ...". */
export const INTRO_WORDS = new Set(['meanwhile', 'still', 'however', 'earlier', 'later', 'last', 'this', 'yet', 'instead', 'now', 'today', 'yesterday', 'separately', 'overall', 'indeed', 'also']);

export const SUBORDINATORS = new Set(['when', 'if', 'because', 'while', 'although', 'though', 'after', 'before', 'since', 'unless', 'until', 'once', 'whether', 'whenever']);

export const PREPOSITIONS = new Set([
  'in', 'on', 'at', 'after', 'during', 'before', 'following', 'with', 'without', 'despite', 'from', 'for', 'by', 'since',
  'under', 'over', 'through', 'among', 'like', 'unlike', 'per', 'via', 'amid', 'upon', 'within', 'across', 'throughout',
  'toward', 'towards', 'about', 'outside', 'inside', 'into', 'onto', 'against', 'between', 'beyond', 'near', 'behind',
]);

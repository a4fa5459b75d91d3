// Word lists the analysis relies on. Kept in one place so they can be reviewed and extended.

/** Reporting verbs (base forms). Inflections are generated below. */
const REPORTING_VERB_BASES = [
  'say', 'tell', 'add', 'ask', 'state', 'explain', 'note', 'write', 'argue', 'insist', 'warn', 'claim', 'declare',
  'announce', 'continue', 'reply', 'respond', 'recall', 'acknowledge', 'admit', 'concede', 'complain', 'suggest',
  'emphasize', 'emphasise', 'stress', 'observe', 'remark', 'tweet', 'post', 'testify', 'predict', 'vow', 'pledge',
  'promise', 'urge', 'assert', 'contend', 'maintain', 'mention', 'report', 'reveal', 'confirm', 'deny', 'describe',
  'call', 'dismiss', 'label', 'brand', 'characterize', 'characterise', 'term', 'quip', 'joke', 'boast', 'scoff',
  'shout', 'yell', 'cry', 'whisper', 'murmur', 'mutter', 'exclaim', 'proclaim', 'announce', 'affirm', 'reaffirm',
  'reiterate', 'repeat', 'point', 'caution', 'advise', 'tout', 'hail', 'praise', 'criticize', 'criticise', 'blast',
  'slam', 'charge', 'accuse', 'allege', 'counter', 'retort', 'rebut', 'object', 'protest', 'lament', 'concur',
  'agree', 'disagree', 'believe', 'think', 'feel', 'hope', 'fear', 'worry', 'wonder', 'speculate', 'estimate',
  'forecast', 'predict', 'conclude', 'find', 'show', 'indicate', 'signal', 'hint', 'imply', 'interpret', 'frame',
  'describe', 'summarize', 'summarise', 'put', 'answer', 'begin', 'conclude', 'open', 'close', 'read', 'recount',
  'relate', 'explain', 'elaborate', 'clarify', 'specify', 'demand', 'plead', 'beg', 'implore', 'threaten', 'predict',
  'guarantee', 'assure', 'reassure', 'remind', 'inform', 'notify', 'brief', 'recommend', 'propose', 'add', 'chime',
  'interject', 'interrupt', 'muse', 'ponder', 'reflect', 'sigh', 'snap', 'quote', 'cite', 'echo', 'paraphrase',
  'tell', 'text', 'email', 'message', 'comment', 'chant', 'shrug', 'laugh', 'grumble', 'gush', 'rave', 'rant', 'thunder', 'fume',
  'declare', 'insist', 'swear', 'testify', 'attest', 'certify', 'acknowledge', 'highlight', 'underline', 'underscore',
];

const IRREGULAR: Record<string, string[]> = {
  say: ['said', 'says', 'saying'],
  tell: ['told', 'tells', 'telling'],
  write: ['wrote', 'writes', 'writing', 'written'],
  think: ['thought', 'thinks', 'thinking'],
  feel: ['felt', 'feels', 'feeling'],
  find: ['found', 'finds', 'finding'],
  show: ['showed', 'shows', 'showing', 'shown'],
  begin: ['began', 'begins', 'beginning', 'begun'],
  read: ['read', 'reads', 'reading'],
  put: ['put', 'puts', 'putting'],
  swear: ['swore', 'swears', 'swearing', 'sworn'],
  speak: ['spoke', 'speaks', 'speaking', 'spoken'],
  brag: ['bragged', 'brags', 'bragging'],
  dub: ['dubbed', 'dubs', 'dubbing'],
  cast: ['cast', 'casts', 'casting'],
  rate: ['rated', 'rates', 'rating'],
  cry: ['cried', 'cries', 'crying'],
  reply: ['replied', 'replies', 'replying'],
  testify: ['testified', 'testifies', 'testifying'],
  clarify: ['clarified', 'clarifies', 'clarifying'],
  specify: ['specified', 'specifies', 'specifying'],
  certify: ['certified', 'certifies', 'certifying'],
  deny: ['denied', 'denies', 'denying'],
  worry: ['worried', 'worries', 'worrying'],
  snap: ['snapped', 'snaps', 'snapping'],
  plead: ['pleaded', 'pled', 'pleads', 'pleading'],
  beg: ['begged', 'begs', 'begging'],
  chime: ['chimed', 'chimes', 'chiming'],
  rebut: ['rebutted', 'rebuts', 'rebutting'],
  slam: ['slammed', 'slams', 'slamming'],
  quip: ['quipped', 'quips', 'quipping'],
  shrug: ['shrugged', 'shrugs', 'shrugging'],
  concur: ['concurred', 'concurs', 'concurring'],
  scoff: ['scoffed', 'scoffs', 'scoffing'],
};

function inflect(base: string): string[] {
  if (IRREGULAR[base]) return [base, ...IRREGULAR[base]];
  const forms = [base];
  if (base.endsWith('e')) forms.push(base + 'd', base + 's', base.slice(0, -1) + 'ing');
  else if (/[^aeiou]y$/.test(base)) forms.push(base.slice(0, -1) + 'ied', base.slice(0, -1) + 'ies', base + 'ing');
  else if (/(s|sh|ch|x|z)$/.test(base)) forms.push(base + 'ed', base + 'es', base + 'ing');
  else forms.push(base + 'ed', base + 's', base + 'ing');
  return forms;
}

/** Verbs that introduce speech when next to a quote. Lower case, all inflections. */
export const CUE_VERBS: ReadonlySet<string> = new Set(REPORTING_VERB_BASES.flatMap(inflect));

/**
 * Verbs that make their subject the source of a quoted phrase later in the same clause, though they are not speech
 * verbs next to a quote: "Cruz accused Trump of being a “pathological liar”", "the panel rated the claim “false”".
 */
export const CLAUSE_VERBS: ReadonlySet<string> = new Set(
  [
    'accuse', 'condemn', 'cite', 'laud', 'liken', 'compare', 'rate', 'rule', 'attack', 'mock', 'deride', 'decry',
    'denounce', 'chant', 'sing', 'refer', 'invoke', 'question', 'characterize', 'characterise', 'identify', 'defend',
    'applaud', 'thank', 'congratulate', 'blame', 'reject', 'pledge', 'vow', 'tease', 'ridicule', 'lash', 'exhort',
    'encourage', 'urge', 'implore', 'commend', 'welcome', 'celebrate', 'acknowledge', 'insult', 'dub', 'nickname',
    'title', 'headline', 'caption', 'quote', 'tweet', 'post', 'retweet', 'emphasize', 'stress', 'promise',
    'portray', 'depict', 'paint', 'cast', 'frame', 'describe', 'label', 'brand', 'call', 'dismiss', 'hail', 'praise',
    'criticize', 'criticise', 'blast', 'slam', 'charge', 'warn', 'ask', 'demand', 'announce', 'declare', 'suggest',
    'admit', 'concede', 'argue', 'claim', 'insist', 'predict', 'explain', 'note', 'add', 'tell', 'say', 'write',
    'state', 'report', 'reveal', 'confirm', 'deny', 'recall', 'respond', 'reply', 'answer', 'counter', 'conclude',
    'find', 'determine', 'allege', 'assert', 'maintain', 'contend', 'testify', 'boast', 'brag', 'complain', 'lament',
    'joke', 'quip', 'acknowledge', 'agree', 'speak', 'talk', 'address', 'appeal', 'lecture', 'preach', 'regard', 'view',
    'consider', 'admire', 'use', 'invite', 'greet', 'bemoan', 'decry', 'fault', 'scold', 'rebuke', 'lambaste',
  ].flatMap(inflect),
);

/** Strong speech verbs: they mark a speaker even far from the quote (no "call", "show", "find"...). */
const STRONG_BASES = [
  'say', 'tell', 'add', 'ask', 'state', 'explain', 'note', 'write', 'argue', 'insist', 'warn', 'claim', 'declare',
  'announce', 'continue', 'reply', 'respond', 'recall', 'acknowledge', 'admit', 'concede', 'complain', 'emphasize',
  'emphasise', 'stress', 'observe', 'remark', 'tweet', 'testify', 'predict', 'vow', 'pledge', 'urge', 'assert',
  'contend', 'quip', 'joke', 'boast', 'exclaim', 'proclaim', 'affirm', 'reaffirm', 'reiterate', 'caution', 'tout',
  'retort', 'counter', 'lament', 'conclude', 'muse', 'shout', 'yell', 'whisper', 'mutter', 'scoff', 'suggest',
  'interpret', 'dismiss', 'describe', 'call', 'label', 'brand', 'term', 'hail', 'post', 'explain', 'allege',
  'promise', 'threaten', 'recount', 'demand', 'plead', 'remind', 'repeat', 'echo', 'mention', 'report', 'reveal',
  'confirm', 'deny', 'answer', 'read', 'text', 'email', 'gush', 'rave', 'thunder', 'fume', 'grumble', 'swear',
  'highlight', 'underscore', 'maintain', 'believe', 'think', 'feel', 'hope', 'fear', 'worry', 'wonder', 'speculate',
  'estimate', 'advise', 'criticize', 'criticise', 'blast', 'slam', 'charge', 'accuse', 'chime', 'comment',
];
export const STRONG_CUE_VERBS: ReadonlySet<string> = new Set(STRONG_BASES.flatMap(inflect));

/** Verbs that, next to a short quote, take it as their object: "dismissed X as “ridiculous”", "called it “a hoax”". */
export const LABELLING_VERBS: ReadonlySet<string> = new Set(
  ['call', 'dismiss', 'describe', 'label', 'brand', 'characterize', 'characterise', 'term', 'deride', 'decry', 'denounce', 'hail', 'praise', 'frame', 'promise', 'vow', 'pledge', 'warn', 'insist', 'say', 'tell', 'describe', 'liken', 'compare', 'refer']
    .flatMap(inflect),
);

/** Words after which a following name is a title, not a sentence start. */
export const TITLES: ReadonlySet<string> = new Set([
  'president', 'vice', 'prime', 'minister', 'secretary', 'senator', 'sen.', 'rep.', 'representative', 'gov.', 'governor',
  'mayor', 'judge', 'justice', 'gen.', 'general', 'col.', 'colonel', 'lt.', 'sgt.', 'adm.', 'admiral', 'dr.', 'mr.', 'mrs.',
  'ms.', 'prof.', 'professor', 'chancellor', 'king', 'queen', 'prince', 'princess', 'pope', 'rev.', 'chairman', 'chairwoman',
  'speaker', 'leader', 'spokesman', 'spokeswoman', 'spokesperson', 'ambassador', 'commissioner', 'director', 'chief',
  'ceo', 'founder', 'candidate', 'nominee', 'attorney', 'sheriff', 'officer', 'detective', 'coach', 'captain', 'pastor',
]);

/** Nouns for people who speak for an institution. With no name next to them they make a source anonymous. */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([
  'official', 'officials', 'source', 'sources', 'adviser', 'advisers', 'advisor', 'advisors', 'diplomat', 'diplomats',
  'aide', 'aides', 'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'spokespersons', 'insider', 'insiders',
  'person', 'people', 'officer', 'officers', 'staffer', 'staffers', 'employee', 'employees', 'lawmaker', 'lawmakers',
  'member', 'members', 'representative', 'representatives', 'envoy', 'envoys', 'negotiator', 'negotiators',
  'analyst', 'analysts', 'observer', 'observers', 'expert', 'experts', 'strategist', 'strategists', 'operative',
  'operatives', 'executive', 'executives', 'investigator', 'investigators', 'agent', 'agents', 'worker', 'workers',
  'resident', 'residents', 'critic', 'critics', 'supporter', 'supporters', 'witness', 'witnesses', 'minister',
  'ministers', 'commander', 'commanders', 'soldier', 'soldiers', 'administrator', 'administrators', 'insider',
  'lobbyist', 'lobbyists', 'donor', 'donors', 'voter', 'voters', 'attendee', 'attendees', 'confidant', 'confidants',
  'associate', 'associates', 'ally', 'allies', 'colleague', 'colleagues', 'friend', 'friends', 'participant',
  'participants', 'figure', 'figures', 'scholar', 'scholars', 'researcher', 'researchers', 'economist', 'economists',
]);

/** Determiners and quantifiers that open an unnamed-source noun phrase. */
export const VAGUE_DETERMINERS: ReadonlySet<string> = new Set([
  'a', 'an', 'one', 'two', 'three', 'four', 'several', 'some', 'many', 'multiple', 'other', 'another', 'senior', 'top',
  'various', 'numerous', 'few', 'certain', 'unnamed', 'anonymous',
]);

export const ANONYMITY_PHRASES: readonly RegExp[] = [
  /\bon (?:the )?condition of anonymity\b/i,
  /\b(?:asked|requested|declined|wished) not to be (?:named|identified)\b/i,
  /\bwho (?:declined|refused) to be (?:named|identified)\b/i,
  /\bnot authori[sz]ed to speak\b/i,
  /\bspeaking anonymously\b/i,
  /\bfamiliar with the (?:matter|talks|discussions|negotiations|plan|situation|thinking)\b/i,
];

/**
 * Words one of which every ANONYMITY_PHRASES match contains (keep them in step): a text without any has none of the
 * phrases, found in one cheap pass.
 */
export const ANONYMITY_PHRASE_WORDS = /anonym|to be (?:named|identified)|authori|familiar/i;

export const PRONOUNS: Record<string, 'male' | 'female' | 'plural' | 'first'> = {
  he: 'male',
  she: 'female',
  they: 'plural',
  we: 'first',
  i: 'first',
};

/** Common abbreviations that end in a dot without ending a sentence. Lower case, with the dot. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr.', 'mrs.', 'ms.', 'dr.', 'prof.', 'sen.', 'rep.', 'gov.', 'gen.', 'col.', 'lt.', 'sgt.', 'capt.', 'adm.', 'maj.',
  'cmdr.', 'rev.', 'st.', 'jr.', 'sr.', 'inc.', 'corp.', 'co.', 'ltd.', 'vs.', 'no.', 'nos.', 'fig.', 'approx.', 'est.',
  'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.', 'mon.', 'tue.', 'tues.',
  'wed.', 'thu.', 'thur.', 'thurs.', 'fri.', 'sat.', 'sun.', 'u.s.', 'u.k.', 'u.n.', 'e.u.', 'u.s.a.', 'd.c.', 'a.m.',
  'p.m.', 'e.g.', 'i.e.', 'etc.', 'ph.d.', 'mt.', 'ft.', 'ave.', 'blvd.', 'dept.', 'univ.', 'assn.', 'bros.', 'ariz.',
  'calif.', 'colo.', 'conn.', 'fla.', 'ga.', 'ill.', 'ind.', 'kan.', 'ky.', 'la.', 'md.', 'mass.', 'mich.', 'minn.',
  'miss.', 'mo.', 'mont.', 'neb.', 'nev.', 'okla.', 'ore.', 'pa.', 'tenn.', 'tex.', 'va.', 'vt.', 'wash.', 'wis.', 'wyo.',
]);

/** Lines that are page furniture rather than article text (matched against the whole trimmed line). */
export const BOILERPLATE_LINES: ReadonlyArray<{ pattern: RegExp; reason: string }> = [
  { pattern: /^listen to (?:this )?article(?:\s*[-–—:]?\s*\d+\s*min(?:ute)?s?)?$/i, reason: 'audio player label' },
  { pattern: /^click (?:play|here) to (?:generate|listen|hear|play)\b.*$/i, reason: 'audio player label' },
  { pattern: /^view (?:the )?journalist[’']?s (?:editorial )?(?:perspective|profile|bio)$/i, reason: 'author widget link' },
  { pattern: /^(?:advertisement|sponsored(?: content)?|ad)$/i, reason: 'advertising label' },
  { pattern: /^(?:share|share this(?: article| story)?|tweet|email|print|copy link|save)$/i, reason: 'sharing widget' },
  { pattern: /^(?:subscribe|sign up|log in|sign in)\b.{0,80}$/i, reason: 'subscription prompt' },
  { pattern: /^(?:read more|related(?: articles| stories)?|recommended|more from .{1,40}|also read:?.{0,80})$/i, reason: 'navigation link' },
  { pattern: /^(?:\d+\s*min(?:ute)?s? read|updated:? .{0,40}|published:? .{0,40})$/i, reason: 'page metadata' },
  { pattern: /^(?:photo|image|video)(?: credit)?:.{0,120}$/i, reason: 'media caption credit' },
  { pattern: /^(?:all rights reserved|©|copyright ).{0,120}$/i, reason: 'copyright line' },
  { pattern: /^(?:we use cookies|this site uses cookies|accept (?:all )?cookies).{0,200}$/i, reason: 'cookie banner' },
];

/** A byline or author box. AI personas are boilerplate too. */
export const BYLINE = /^(?:by|written by|reporting by|words by|ai journalist:|ai reporter:|author:|reporter:|correspondent:|editor:)\s+\S.{0,100}$/i;
export const AI_BYLINE = /^ai (?:journalist|reporter|writer|author|correspondent)\b/i;

/** Instructions written to a language model that leaked into the page. */
export const PROMPT_MARKERS: readonly RegExp[] = [
  /^["“]?you are (?:dr\.?\s+)?(?:an?\s+)?(?:\p{Lu}[\p{L}.’'-]*\s*){0,4},?\s*(?:an?\s+)?(?:ai|artificial|expert|experienced|journalist|writer|reporter|assistant|helpful)/iu,
  /\b(?:you excel at|your task is|focus on:|write (?:accessibly|in the style|an article)|as an ai\b|as a language model)/i,
];

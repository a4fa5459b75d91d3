#!/usr/bin/env python3
"""How far two PolNeAR annotators agree, in the terms of the shared scorers: the ceiling a model can be held to.

Usage: python3 scripts/polnear-agreement.py ../shared/polnear-train            # reported speech (content outside quotes)
       QUOTED=1 python3 scripts/polnear-agreement.py ../shared/polnear-train   # quotes

Some articles were annotated twice (<article>_<annotator>.ann). Each annotator in turn is the gold and the other the
system: for every gold attribution whose source is not a pronoun, the other annotator's attribution over most of the
same content is found (as score-claim-speakers.py finds a claim), and it is right when the sources overlap or the
other's source ends with a word of the gold one. Reads the shared scorer's own parsing (score-attribution.py).
"""
import importlib.util, os, re, sys, collections, itertools
sp=importlib.util.spec_from_file_location('sa',os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])),'tools','score-attribution.py')); sa=importlib.util.module_from_spec(sp); sp.loader.exec_module(sa)
split=sys.argv[1]; anndir=os.path.join(split,'attributions')
anns=collections.defaultdict(list)
for a in sorted(os.listdir(anndir)): anns[a.rsplit('_',1)[0]].append(a)
def words(s): return re.findall(r"[\w\u2019']+", s.lower())
PR=sa.PRONOUNS|{'who','which','that'}
c=collections.Counter()
for stem,files in anns.items():
    if len(files)<2: continue
    text=open(os.path.join(split,'text',stem+'.txt'),encoding='utf-8').read()
    if text.startswith('\ufeff'): text=text[1:]
    quotes=sa.find_quotes(text)
    def load(f):
        spans,events=sa.parse_ann(os.path.join(anndir,f)); out=[]
        for ev in events:
            cs=[s for t in ev.get('Content',[]) if t in spans for s in spans[t][1]]
            ss=[s for t in ev.get('Source',[]) if t in spans for s in spans[t][1]]
            if not cs or not ss: continue
            clen=sum(b-a for a,b in cs); inq=sum(sa.overlap(a,b,qs,qe) for a,b in cs for qs,qe in quotes)
            src=' '.join(text[a:b] for a,b in ss)
            out.append({'c':cs,'s':ss,'w':words(src),'quoted':inq>=0.5*clen,'pron':src.strip().lower() in PR,'clen':clen})
        return out
    for fa,fb in itertools.permutations(files[:2],2):
        A=load(fa); B=load(fb)
        for g in B:
            if g['pron'] or g['quoted'] != bool(os.environ.get('QUOTED')): continue
            c['gold']+=1
            best,ba=0,None
            for x in A:
                ov=sum(sa.overlap(a,b,p,q) for a,b in g['c'] for p,q in x['c'])
                if ov>best: best,ba=ov,x
            if ba is None or best<0.5*g['clen']: c['other_has_none']+=1; continue
            c['found']+=1
            ok=any(sa.overlap(a,b,p,q)>0 for a,b in g['s'] for p,q in ba['s']) or (ba['w'] and ba['w'][-1] in g['w'])
            c['ok']+=ok
kind = 'quotes' if os.environ.get('QUOTED') else 'reported speech'
print(dict(c))
print(f"{kind}: {c['gold']} attributions in {sum(len(f) >= 2 for f in anns.values())} doubly annotated articles; the other annotator marks the same content {c['found']/c['gold']:.3f}, "
      f"with the same source {c['ok']/max(1, c['found']):.3f}; agreement (the scorer's recall of one annotator against the other) {c['ok']/c['gold']:.3f}")

#!/usr/bin/env python3
"""How far two PolNeAR annotators agree on the shared scorers' measures (score-claim-speakers.py for reported speech,
score-attribution.py for quotes).

Usage: scripts/annotator-agreement.py ../shared/polnear-train [WORK_DIR]
For every article annotated twice, the second annotator's attributions become a tool's claims (content span, source
as speaker) and quotes (each quote in the text, with the source of the second annotator's attribution over it, or
none), and are scored against the first annotator's with the shared scorers. WORK_DIR (a temporary directory by
default) receives a copy of those articles; nothing is written into the repository.
"""
import collections, importlib.util, json, os, shutil, subprocess, sys, tempfile

def main():
    split = sys.argv[1]
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix='seed-agreement-')
    tools = os.path.join(os.path.dirname(os.path.abspath(split)), 'tools')
    spec = importlib.util.spec_from_file_location('score_attribution', os.path.join(tools, 'score-attribution.py'))
    sa = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sa)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, 'text'))
    os.makedirs(os.path.join(work, 'attributions'))
    anns = collections.defaultdict(list)
    for a in sorted(os.listdir(os.path.join(split, 'attributions'))):
        anns[a.rsplit('_', 1)[0]].append(a)
    files = []
    for stem, names in anns.items():
        if len(names) < 2:
            continue
        shutil.copy(os.path.join(split, 'text', stem + '.txt'), os.path.join(work, 'text', stem + '.txt'))
        shutil.copy(os.path.join(split, 'attributions', names[0]), os.path.join(work, 'attributions', names[0]))
        text = open(os.path.join(split, 'text', stem + '.txt'), encoding='utf-8').read()
        if text.startswith('\ufeff'):
            text = text[1:]
        u16 = sa.utf16_index_map(text)
        spans, events = sa.parse_ann(os.path.join(split, 'attributions', names[1]))
        claims = []
        for ev in events:
            content = [s for t in ev.get('Content', []) if t in spans for s in spans[t][1]]
            source = [s for t in ev.get('Source', []) if t in spans for s in spans[t][1]]
            if not content or not source:
                continue
            a, b = min(x for x, _ in content), max(y for _, y in content)
            s0, s1 = min(x for x, _ in source), max(y for _, y in source)
            claims.append({'start': u16[a], 'end': u16[b], 'text': text[a:b],
                           'speaker': {'kind': 'named', 'text': text[s0:s1], 'start': u16[s0], 'end': u16[s1]}})
        # Quotes as the quote scorer finds them, each with the second annotator's source for it (None: unattributed).
        quotes = []
        for q in sa.gold_for(text, os.path.join(split, 'attributions', names[1])):
            source = q['source']
            speaker = None
            if source:
                s0, s1 = min(a for a, _, _ in source), max(b for _, b, _ in source)
                speaker = {'text': text[s0:s1], 'start': u16[s0], 'end': u16[s1]}
            quotes.append({'start': u16[q['start']], 'end': u16[q['end']], 'kind': 'direct', 'speaker': speaker})
        files.append({'path': os.path.join(work, 'text', stem + '.txt'), 'claims': claims, 'quotes': quotes})
    tool = os.path.join(work, 'second-annotator.json')
    json.dump({'files': files}, open(tool, 'w', encoding='utf-8'))
    print(f'{len(files)} articles annotated twice')
    status = 0
    for scorer in ('score-claim-speakers.py', 'score-attribution.py'):
        print(f'--- {scorer}', flush=True)
        status |= subprocess.call([sys.executable, os.path.join(tools, scorer), work, tool])
    sys.exit(status)

if __name__ == '__main__':
    main()

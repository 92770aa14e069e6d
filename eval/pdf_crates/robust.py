import json,os,subprocess,sys,collections
sys.path.insert(0,'.'); import score
BIN=score.BIN; D=os.environ.get("PDFCMP_BROKEN", "broken")
engines=sys.argv[1:]; res={}
for f in sorted(os.listdir(D)):
    for e in engines:
        try:
            p=subprocess.run([BIN,e,os.path.join(D,f)],capture_output=True,timeout=60)
            if p.returncode!=0 or not p.stdout.strip(): st=f"crash({p.returncode})"; w=0
            else:
                j=json.loads(p.stdout); st=j['status']
                stem=f.rsplit('.',2)[0]; ref=score.tokens(open(f'ref/{stem}.txt').read())
                w=sum((collections.Counter(score.tokens(j.get('text','')))&collections.Counter(ref)).values())
                if st=='ok' and j['page_errors'] and any('panic' in x for x in j['page_errors']): st='ok(page panics caught)'
        except subprocess.TimeoutExpired: st='timeout'; w=0
        res[f"{f}|{e}"]=(st,w)
json.dump(res,open('results/robust.json','w'),indent=1)
agg=collections.defaultdict(collections.Counter); words=collections.Counter()
for k,(st,w) in res.items():
    e=k.split('|')[1]; agg[e][st.split('(')[0] if st.startswith('crash') else st]+=1; words[e]+=w
pt=0
for f in sorted(os.listdir(D)):
    stem=f.rsplit('.',2)[0]; ref=score.tokens(open(f'ref/{stem}.txt').read())
    t=subprocess.run(['pdftotext','-enc','UTF-8',os.path.join(D,f),'-'],capture_output=True,timeout=60).stdout.decode('utf-8','replace')
    pt+=sum((collections.Counter(score.tokens(t))&collections.Counter(ref)).values())
print('pdftotext matched words', pt)
for e in engines: print(e, dict(agg[e]), 'matched words', words[e])

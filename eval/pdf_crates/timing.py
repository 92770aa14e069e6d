import json,os,subprocess,sys
BIN=os.environ.get("PDFCMP_BIN", "target/release/pdfcmp"); D=os.environ.get("PDFCMP_PDFS", "/work/scratch/real/pdf")
engines=sys.argv[1:]
res={}
for f in sorted(os.listdir(D)):
    if not f.endswith('.pdf'): continue
    for e in engines:
        best=None
        for _ in range(3):
            try: p=subprocess.run([BIN,e,os.path.join(D,f)],capture_output=True,timeout=120)
            except subprocess.TimeoutExpired: best=None; break
            try: ms=json.loads(p.stdout)['ms']
            except Exception: ms=None
            if ms is not None: best=ms if best is None else min(best,ms)
        res[f"{f[:-4]}|{e}"]=best
json.dump(res,open('results/timing.json','w'),indent=1)

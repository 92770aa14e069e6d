import json,os,statistics,collections
rows=json.load(open('results/summary.json')); tim=json.load(open('results/timing.json'))
rob=json.load(open('results/robust.json'))
EXCL='owasp-top10-2003-v1'
files=sorted({r['file'] for r in rows.values()}); scored=[f for f in files if f!=EXCL]
by={(r['file'],r['engine']):r for r in rows.values()}
POS=[('pdf-extract','pdf-extract 0.12.1 (baseline: OutputDev glyphs)','glyph'),
     ('hayro','hayro-interpret 0.9.0 (Device glyph runs)','glyph'),
     ('pdfboss','pdfboss-text 2.16.1 (extract_spans)','span'),
     ('pdf_oxide-spans','pdf_oxide 0.3.78 (extract_spans, content order)','span+per-char x'),
     ('pdf_oxide','pdf_oxide 0.3.78 (extract_chars)','glyph (sorted by y,x)'),
     ('oxidize-pdf','oxidize-pdf 5.5.6 (fragments)','span'),
     ('pdf-inspector','pdf-inspector 1.25.2 (TextItems)','span')]
PLAIN=[('pdf-extract-plain','pdf-extract extract_text'),('pdf_oxide-plain','pdf_oxide extract_text'),
       ('oxidize-pdf-plain','oxidize-pdf text'),('pdf-inspector-plain','pdf-inspector extract_text'),('lopdf-plain','lopdf 0.47 extract_text')]
def line(e,label,gran=None):
    rs=[by[(f,e)] for f in scored]; ok=[r for r in rs if r['status']=='ok']
    f1=[r['f1'] if r['status']=='ok' else 0 for r in rs]
    fails=sum(1 for f in files if by[(f,e)]['status']!='ok')
    perr=sum(len([x for x in by[(f,e)].get('page_error_sample',[]) if 'panic' in x]) and by[(f,e)]['page_errors'] for f in files if by[(f,e)]['status']=='ok')
    t=[tim.get(f"{f}|{e}") for f in files]; tt=sum(x for x in t if x) if all(t) else None
    if tt is None: tt=sum(by[(f,e)]['ms'] for f in files)
    lig=f"{sum(r['lig_words_got'] for r in ok)}/{sum(r['lig_words_ref'] for r in ok)}"
    worse=sum(1 for f in scored if by[(f,e)]['status']=='ok' and by[(f,'pdf-extract')]['f1']-by[(f,e)]['f1']>0.01)
    better=sum(1 for f in scored if by[(f,e)]['status']=='ok' and by[(f,e)]['f1']-by[(f,'pdf-extract')]['f1']>0.01)
    cells=[label]+([gran] if gran else [])+[f"{statistics.mean(f1):.4f}",f"{min(f1):.3f}",f"{statistics.mean([r['precision'] for r in ok]):.3f}",f"{statistics.mean([r['recall'] for r in ok]):.3f}",
      str(fails), str(perr), str(sum(r['broken'] for r in ok)), str(sum(r['split'] for r in ok)), lig, f"{better}/{worse}", f"{tt/1000:.2f}"]
    return "| "+" | ".join(cells)+" |"
print("| crate (API used) | positions | mean F1 | min F1 | mean P | mean R | files failed | pages panicked (caught) | broken words | split words | fi/fl/ff words found | files better/worse than baseline (ΔF1>0.01) | time, 20 files (s) |")
print("|"+"---|"*13)
for e,l,g in POS: print(line(e,l,g))
print()
print("| crate (plain-text API) | mean F1 | min F1 | mean P | mean R | files failed | pages panicked | broken words | split words | fi/fl/ff words found | better/worse than baseline | time (s) |")
print("|"+"---|"*12)
for e,l in PLAIN: print(line(e,l))
print()
ENG=[e for e,_,_ in POS]+[e for e,_ in PLAIN]
short={'pdf-extract':'pdf-extract','hayro':'hayro','pdfboss':'pdfboss','pdf_oxide-spans':'oxide spans','pdf_oxide':'oxide chars','oxidize-pdf':'oxidize','pdf-inspector':'inspector','pdf-extract-plain':'pe plain','pdf_oxide-plain':'oxide plain','oxidize-pdf-plain':'oxidize plain','pdf-inspector-plain':'inspector plain','lopdf-plain':'lopdf plain'}
print("| file (producer) | words | "+" | ".join(short[e] for e in ENG)+" |")
print("|"+"---|"*(len(ENG)+2))
import subprocess
for f in files:
    prod=subprocess.run(['pdfinfo',os.path.join(os.environ.get('PDFCMP_PDFS', '/work/scratch/real/pdf'), f + '.pdf')],capture_output=True,text=True).stdout
    prod=[l.split(':',1)[1].strip() for l in prod.splitlines() if l.startswith('Producer')]
    prod=(prod[0] if prod else '?')[:22]
    cells=[]
    for e in ENG:
        r=by[(f,e)]
        cells.append(f"{r['f1']:.3f}" if r['status']=='ok' else r['status'])
    print(f"| {f[:38]} ({prod}) | {by[(f,'pdf-extract')]['ref_words']} | "+" | ".join(cells)+" |")
print()
agg=collections.defaultdict(collections.Counter); words=collections.Counter()
for k,(st,w) in rob.items():
    e=k.split('|')[1]; s=st.split('(')[0] if st.startswith('crash') else ('ok' if st.startswith('ok') else st); agg[e][s]+=1; words[e]+=w
print("| engine | opened (of 40 damaged) | error | panic/crash/timeout | words matched vs original |")
print("|---|---|---|---|---|")
for e in ['pdf-extract','hayro','pdfboss','pdf_oxide-spans','oxidize-pdf','pdf-inspector','lopdf-plain']:
    a=agg[e]; print(f"| {e} | {a['ok']} | {a['error']} | {a['panic']+a['crash']+a['timeout']} | {words[e]} |")

//! pdfcmp ENGINE FILE  -> one JSON object on stdout.
//!
//! Positioned engines feed their glyphs/spans into the same line assembler
//! (a copy of accord's `LineCollector` rules), so what is compared is what
//! accord would see. "Native" engines return the crate's own plain text.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// One positioned piece of text: a glyph or a span.
/// y grows downwards (engines with y-up pass -y).
struct Item {
    text: String,
    x: f64,
    y: f64,
    size: f64,
    advance: f64,
    /// first glyph of a text-showing operation (pdf-extract's begin_word)
    run_start: bool,
}

#[derive(Debug, Clone)]
struct Line {
    text: String,
    x1: f64,
    y: f64,
    size: f64,
}

/// accord's LineCollector rules (src/corpus/pdf.rs), engine-agnostic.
#[derive(Default)]
struct Assembler {
    lines: Vec<Line>,
}

impl Assembler {
    fn push(&mut self, it: &Item) {
        let (x, y, size, advance, text) =
            (it.x, it.y, it.size.max(0.1), it.advance, it.text.as_str());
        match self.lines.last_mut() {
            Some(line) if (y - line.y).abs() <= line.size.max(size) * 0.5 => {
                if is_footnote_marker(text, size, line.y - y, line.size) {
                    line.x1 = line.x1.max(x + advance);
                    return;
                }
                let gap = x - line.x1;
                if (it.run_start && gap > size * 0.1) || gap > size * 0.25 {
                    line.text.push(' ');
                }
                line.text.push_str(text);
                line.x1 = line.x1.max(x + advance);
                line.size = line.size.max(size);
            }
            _ => self.lines.push(Line {
                text: text.to_string(),
                x1: x + advance,
                y,
                size,
            }),
        }
    }
    fn finish(self) -> String {
        let mut s = String::new();
        for l in self.lines {
            if !l.text.trim().is_empty() {
                s.push_str(&l.text);
                s.push('\n');
            }
        }
        s
    }
}

fn is_footnote_marker(text: &str, size: f64, raised: f64, line_size: f64) -> bool {
    size <= line_size * 0.8
        && raised >= line_size * 0.15
        && !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '\u{2020}' | '\u{2021}'))
}

struct Out {
    pages: usize,
    page_errors: Vec<String>,
    text: String, // pages separated by \x0c
    items: usize,
    granularity: &'static str,
}

fn quiet<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        if let Some(s) = p.downcast_ref::<&str>() {
            format!("panic: {s}")
        } else if let Some(s) = p.downcast_ref::<String>() {
            format!("panic: {s}")
        } else {
            "panic".to_string()
        }
    })
}

// ---------------------------------------------------------------- pdf-extract
mod pe {
    use super::*;
    use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

    #[derive(Default)]
    pub struct Dev {
        pub asm: Assembler,
        pub page_height: f64,
        pub word_start: bool,
        pub n: usize,
    }
    impl OutputDev for Dev {
        fn begin_page(
            &mut self,
            _: u32,
            mb: &MediaBox,
            _: Option<(f64, f64, f64, f64)>,
        ) -> Result<(), OutputError> {
            self.page_height = mb.ury - mb.lly;
            Ok(())
        }
        fn end_page(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
        fn output_character(
            &mut self,
            trm: &Transform,
            width: f64,
            _sp: f64,
            font_size: f64,
            text: &str,
        ) -> Result<(), OutputError> {
            let x = trm.m31;
            let y = self.page_height - trm.m32;
            let sx = font_size * (trm.m11 + trm.m21);
            let sy = font_size * (trm.m12 + trm.m22);
            let size = (sx * sy).abs().sqrt().max(0.1);
            let run_start = std::mem::take(&mut self.word_start);
            self.n += 1;
            self.asm.push(&Item {
                text: text.to_string(),
                x,
                y,
                size,
                advance: width * size,
                run_start,
            });
            Ok(())
        }
        fn begin_word(&mut self) -> Result<(), OutputError> {
            self.word_start = true;
            Ok(())
        }
        fn end_word(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
        fn end_line(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
    }

    pub fn glyphs(bytes: &[u8]) -> Result<Out, String> {
        let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            let _ = doc.decrypt("");
        }
        let pages = doc.get_pages();
        let mut out = Out {
            pages: pages.len(),
            page_errors: vec![],
            text: String::new(),
            items: 0,
            granularity: "glyph",
        };
        for (&num, _) in &pages {
            let mut dev = Dev::default();
            match quiet(|| pdf_extract::output_doc_page(&doc, &mut dev, num)) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => out.page_errors.push(format!("p{num}: {e}")),
                Err(p) => out.page_errors.push(format!("p{num}: {p}")),
            }
            out.items += dev.n;
            out.text.push_str(&dev.asm.finish());
            out.text.push('\x0c');
        }
        Ok(out)
    }

    pub fn plain(bytes: &[u8]) -> Result<Out, String> {
        let pages =
            pdf_extract::extract_text_from_mem_by_pages(bytes).map_err(|e| e.to_string())?;
        Ok(Out {
            pages: pages.len(),
            page_errors: vec![],
            text: pages.join("\x0c"),
            items: 0,
            granularity: "none",
        })
    }
}

// ---------------------------------------------------------------- pdf_oxide
mod ox {
    use super::*;
    use pdf_oxide::PdfDocument;

    pub fn glyphs(bytes: &[u8]) -> Result<Out, String> {
        let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| e.to_string())?;
        let n = doc.page_count().map_err(|e| e.to_string())?;
        let mut out = Out {
            pages: n,
            page_errors: vec![],
            text: String::new(),
            items: 0,
            granularity: "glyph",
        };
        for i in 0..n {
            let mut asm = Assembler::default();
            match quiet(|| doc.extract_chars(i)) {
                Ok(Ok(chars)) => {
                    out.items += chars.len();
                    for c in &chars {
                        asm.push(&Item {
                            text: c.char.to_string(),
                            x: c.origin_x as f64,
                            y: -(c.origin_y as f64),
                            size: c.font_size as f64,
                            advance: c.advance_width as f64,
                            run_start: false,
                        });
                    }
                }
                Ok(Err(e)) => out.page_errors.push(format!("p{i}: {e}")),
                Err(p) => out.page_errors.push(format!("p{i}: {p}")),
            }
            out.text.push_str(&asm.finish());
            out.text.push('\x0c');
        }
        Ok(out)
    }

    pub fn spans(bytes: &[u8]) -> Result<Out, String> {
        let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| e.to_string())?;
        let n = doc.page_count().map_err(|e| e.to_string())?;
        let mut out = Out {
            pages: n,
            page_errors: vec![],
            text: String::new(),
            items: 0,
            granularity: "span",
        };
        for i in 0..n {
            let mut asm = Assembler::default();
            match quiet(|| doc.extract_spans(i)) {
                Ok(Ok(mut spans)) => {
                    out.items += spans.len();
                    spans.sort_by_key(|s| s.sequence);
                    for s in &spans {
                        asm.push(&Item {
                            text: s.text.clone(),
                            x: s.bbox.x as f64,
                            y: -(s.bbox.y as f64),
                            size: s.font_size as f64,
                            advance: s.bbox.width as f64,
                            run_start: true,
                        });
                    }
                }
                Ok(Err(e)) => out.page_errors.push(format!("p{i}: {e}")),
                Err(p) => out.page_errors.push(format!("p{i}: {p}")),
            }
            out.text.push_str(&asm.finish());
            out.text.push('\x0c');
        }
        Ok(out)
    }

    pub fn plain(bytes: &[u8]) -> Result<Out, String> {
        let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| e.to_string())?;
        let n = doc.page_count().map_err(|e| e.to_string())?;
        let mut out = Out {
            pages: n,
            page_errors: vec![],
            text: String::new(),
            items: 0,
            granularity: "none",
        };
        for i in 0..n {
            match quiet(|| doc.extract_text(i)) {
                Ok(Ok(t)) => out.text.push_str(&t),
                Ok(Err(e)) => out.page_errors.push(format!("p{i}: {e}")),
                Err(p) => out.page_errors.push(format!("p{i}: {p}")),
            }
            out.text.push('\x0c');
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------- hayro
mod hy {
    use super::*;
    use hayro_interpret::font::GlyphRun;
    use hayro_interpret::hayro_cmap::BfString;
    use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
    use hayro_interpret::{
        interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
        ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
    };
    use hayro_syntax::Pdf;

    #[derive(Default)]
    struct Dev {
        asm: Assembler,
        n: usize,
        missing: usize,
        next_x: f64,
    }
    impl Device<'_> for Dev {
        fn draw_path(&mut self, _: &BezPath, _: DrawProps<'_>, _: &DrawMode) {}
        fn push_clip_path(&mut self, _: &ClipPath) {}
        fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
        fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
            let mut first = true;
            for g in run.glyphs() {
                let expected_x = self.next_x;
                let t: Affine = props.transform * g.transform();
                let p = t * Point::ZERO;
                // glyph space is 1000 units per em; the y column is free of
                // hayro's horizontal width-fitting stretch.
                let [_, _, c, d, _, _] = t.as_coeffs();
                let size = c.hypot(d) * 1000.0;
                let adv = match &**g {
                    hayro_interpret::font::Glyph::Outline(o) => o.advance_width(),
                    hayro_interpret::font::Glyph::Type3(t3) => t3.advance_width(),
                }
                .unwrap_or(500.0) as f64
                    / 1000.0
                    * size;
                let text = match g.as_unicode() {
                    Some(BfString::Char(c)) => c.to_string(),
                    Some(BfString::String(s)) => s,
                    None => {
                        self.missing += 1;
                        "\u{FFFD}".to_string()
                    }
                };
                self.n += 1;
                // hayro gives one run per TJ array; pdf-extract signals every
                // string of it (begin_word). A glyph not where the previous
                // glyph's advance put the pen is the same signal.
                let moved = (p.x - expected_x).abs() > 0.02 * size;
                self.asm.push(&Item {
                    text,
                    x: p.x,
                    y: -p.y,
                    size,
                    advance: adv,
                    run_start: first || moved,
                });
                self.next_x = p.x + adv;
                first = false;
            }
        }
        fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {}
        fn pop_clip(&mut self) {}
        fn pop_transparency_group(&mut self) {}
    }

    pub fn glyphs(bytes: &[u8]) -> Result<Out, String> {
        let pdf = Pdf::new(bytes.to_vec()).map_err(|e| format!("{e:?}"))?;
        let cache = InterpreterCache::new();
        let pages = pdf.pages();
        let mut out = Out {
            pages: pages.len(),
            page_errors: vec![],
            text: String::new(),
            items: 0,
            granularity: "glyph",
        };
        let mut missing = 0;
        for (i, page) in pages.iter().enumerate() {
            let mut dev = Dev::default();
            let r = quiet(|| {
                let mut ctx = Context::new(
                    Affine::IDENTITY,
                    Rect::new(0.0, 0.0, 1.0, 1.0),
                    &cache,
                    pdf.xref(),
                    InterpreterSettings::default(),
                );
                interpret_page(page, &mut ctx, &mut dev);
            });
            if let Err(p) = r {
                out.page_errors.push(format!("p{i}: {p}"));
            }
            out.items += dev.n;
            missing += dev.missing;
            out.text.push_str(&dev.asm.finish());
            out.text.push('\x0c');
        }
        if missing > 0 {
            out.page_errors
                .push(format!("{missing} glyphs without unicode"));
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------- oxidize-pdf
mod oz {
    use super::*;
    use oxidize_pdf::parser::{PdfDocument, PdfReader};
    use oxidize_pdf::text::{ExtractionOptions, TextExtractor};
    use std::io::Cursor;

    fn open(bytes: &[u8]) -> Result<PdfDocument<Cursor<Vec<u8>>>, String> {
        let reader = PdfReader::new(Cursor::new(bytes.to_vec())).map_err(|e| e.to_string())?;
        Ok(PdfDocument::new(reader))
    }

    pub fn run(bytes: &[u8], spans: bool) -> Result<Out, String> {
        let doc = open(bytes)?;
        let n = doc.page_count().map_err(|e| e.to_string())? as usize;
        let mut opts = ExtractionOptions::default();
        opts.preserve_layout = spans;
        let mut ex = TextExtractor::with_options(opts);
        let mut out = Out {
            pages: n,
            page_errors: vec![],
            text: String::new(),
            items: 0,
            granularity: if spans { "span" } else { "none" },
        };
        for i in 0..n {
            match quiet(|| ex.extract_from_page(&doc, i as u32)) {
                Ok(Ok(t)) => {
                    if spans {
                        let mut asm = Assembler::default();
                        out.items += t.fragments.len();
                        for f in &t.fragments {
                            asm.push(&Item {
                                text: f.text.clone(),
                                x: f.x,
                                y: -f.y,
                                size: f.font_size,
                                advance: f.width,
                                run_start: true,
                            });
                        }
                        out.text.push_str(&asm.finish());
                    } else {
                        out.text.push_str(&t.text);
                    }
                }
                Ok(Err(e)) => out.page_errors.push(format!("p{i}: {e}")),
                Err(p) => out.page_errors.push(format!("p{i}: {p}")),
            }
            out.text.push('\x0c');
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------- pdfboss
mod pb {
    use super::*;
    use pdfboss_core::document::Document;
    use pdfboss_text::{extract_spans, ReadingOrder};

    pub fn spans(bytes: &[u8]) -> Result<Out, String> {
        let doc = Document::load(bytes.to_vec()).map_err(|e| e.to_string())?;
        let n = doc.page_count();
        let mut out = Out {
            pages: n,
            page_errors: vec![],
            text: String::new(),
            items: 0,
            granularity: "span",
        };
        for i in 0..n {
            let mut asm = Assembler::default();
            let r = quiet(|| -> Result<_, String> {
                let page = doc.page(i).map_err(|e| e.to_string())?;
                extract_spans(&doc, &page, ReadingOrder::Content).map_err(|e| e.to_string())
            });
            match r {
                Ok(Ok(spans)) => {
                    out.items += spans.len();
                    for s in &spans {
                        asm.push(&Item {
                            text: s.text.clone(),
                            x: s.x as f64,
                            y: -(s.y as f64),
                            size: s.size as f64,
                            advance: (s.end_x - s.x) as f64,
                            run_start: true,
                        });
                    }
                }
                Ok(Err(e)) => out.page_errors.push(format!("p{i}: {e}")),
                Err(p) => out.page_errors.push(format!("p{i}: {p}")),
            }
            out.text.push_str(&asm.finish());
            out.text.push('\x0c');
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------- pdf-inspector
mod pi {
    use super::*;
    pub fn spans(bytes: &[u8]) -> Result<Out, String> {
        let items =
            pdf_inspector::extract_text_with_positions_mem(bytes).map_err(|e| e.to_string())?;
        let maxp = items.iter().map(|i| i.page).max().unwrap_or(0) as usize;
        let mut per: Vec<Vec<&pdf_inspector::TextItem>> = vec![vec![]; maxp + 1];
        for it in items
            .iter()
            .filter(|i| matches!(i.item_type, pdf_inspector::types::ItemType::Text))
        {
            per[it.page as usize].push(it);
        }
        let mut out = Out {
            pages: maxp,
            page_errors: vec![],
            text: String::new(),
            items: items.len(),
            granularity: "span",
        };
        for p in per {
            let mut asm = Assembler::default();
            for s in p {
                asm.push(&Item {
                    text: s.text.clone(),
                    x: s.x as f64,
                    y: -(s.y as f64),
                    size: s.font_size as f64,
                    advance: s.width as f64,
                    run_start: true,
                });
            }
            out.text.push_str(&asm.finish());
            out.text.push('\x0c');
        }
        Ok(out)
    }
    pub fn plain(path: &str) -> Result<Out, String> {
        let t = pdf_inspector::extract_text(path).map_err(|e| e.to_string())?;
        Ok(Out {
            pages: 0,
            page_errors: vec![],
            text: t,
            items: 0,
            granularity: "none",
        })
    }
}

// ---------------------------------------------------------------- lopdf
mod lo {
    use super::*;
    pub fn plain(bytes: &[u8]) -> Result<Out, String> {
        let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            let _ = doc.decrypt("");
        }
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let mut out = Out {
            pages: pages.len(),
            page_errors: vec![],
            text: String::new(),
            items: 0,
            granularity: "none",
        };
        for p in pages {
            match quiet(|| doc.extract_text(&[p])) {
                Ok(Ok(t)) => out.text.push_str(&t),
                Ok(Err(e)) => out.page_errors.push(format!("p{p}: {e}")),
                Err(e) => out.page_errors.push(format!("p{p}: {e}")),
            }
            out.text.push('\x0c');
        }
        Ok(out)
    }
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().collect();
    let (engine, path) = (args[1].as_str(), args[2].as_str());
    let bytes = std::fs::read(path).expect("read");
    let t0 = Instant::now();
    let r = quiet(|| match engine {
        "pdf-extract" => pe::glyphs(&bytes),
        "pdf-extract-plain" => pe::plain(&bytes),
        "pdf_oxide" => ox::glyphs(&bytes),
        "pdf_oxide-plain" => ox::plain(&bytes),
        "pdf_oxide-spans" => ox::spans(&bytes),
        "hayro" => hy::glyphs(&bytes),
        "oxidize-pdf" => oz::run(&bytes, true),
        "oxidize-pdf-plain" => oz::run(&bytes, false),
        "pdfboss" => pb::spans(&bytes),
        "pdf-inspector" => pi::spans(&bytes),
        "pdf-inspector-plain" => pi::plain(path),
        "lopdf-plain" => lo::plain(&bytes),
        _ => Err(format!("unknown engine {engine}")),
    });
    let ms = t0.elapsed().as_secs_f64() * 1000.0;
    let j = match r {
        Ok(Ok(o)) => serde_json::json!({
            "status": "ok", "ms": ms, "pages": o.pages, "page_errors": o.page_errors,
            "items": o.items, "granularity": o.granularity, "text": o.text,
        }),
        Ok(Err(e)) => serde_json::json!({"status": "error", "ms": ms, "error": e}),
        Err(p) => serde_json::json!({"status": "panic", "ms": ms, "error": p}),
    };
    println!("{j}");
}

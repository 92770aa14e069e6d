//! The glyphs each page draws, with their place and size, read with hayro
//! (a pure-Rust PDF interpreter; chosen by measurement, see
//! `eval/pdf_crates/README.md`: as accurate as pdf-extract word for word,
//! four times faster, right about glyph widths where pdf-extract puts
//! spaces inside words, and it opens damaged files pdf-extract cannot).

use hayro_interpret::font::{Glyph as HayroGlyph, GlyphIdentifier, GlyphRun, OutlineGlyph};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};
use hayro_syntax::{LoadPdfError, Pdf};
use rustc_hash::FxHashMap;

use super::layout::Glyph;
use super::ligatures::MISSING;
use super::quietly;

/// Why a PDF could not be opened.
pub(super) enum OpenError {
    Encrypted,
    Invalid,
}

/// Each page's glyphs in drawing order, or why the page could not be read.
/// A page with a known problem (`problems[i]` for page `i + 1`) is not drawn.
pub(super) fn read_pages(
    bytes: &[u8],
    problems: &[Option<String>],
) -> Result<Vec<Result<Vec<Glyph>, String>>, OpenError> {
    let pdf = match quietly(|| Pdf::new(bytes.to_vec())) {
        Some(Ok(pdf)) => pdf,
        Some(Err(LoadPdfError::Decryption(_))) => return Err(OpenError::Encrypted),
        Some(Err(LoadPdfError::Invalid)) | None => return Err(OpenError::Invalid),
    };
    let cache = InterpreterCache::new();
    let pages = pdf.pages();
    let mut out = Vec::with_capacity(pages.len());
    let mut known = Known::default();
    for (index, page) in pages.iter().enumerate() {
        if let Some(Some(problem)) = problems.get(index) {
            out.push(Err(problem.clone()));
            continue;
        }
        let mut device = Collector {
            known: std::mem::take(&mut known),
            ..Collector::default()
        };
        let read = quietly(|| {
            let mut context = Context::new(
                Affine::IDENTITY,
                Rect::new(0.0, 0.0, 1.0, 1.0),
                &cache,
                pdf.xref(),
                InterpreterSettings::default(),
            );
            interpret_page(page, &mut context, &mut device);
        });
        known = std::mem::take(&mut device.known);
        out.push(match read {
            Some(()) => Ok(device.upright()),
            None => Err("the PDF library failed on it".to_string()),
        });
    }
    Ok(out)
}

/// A hayro output device that keeps only text: each glyph's text, origin,
/// advance and size, with the direction of its baseline. Paths, images and
/// clips are ignored.
#[derive(Default)]
struct Collector {
    /// Each glyph with its [`Direction`], its place given along its own
    /// baseline (x) and across it (y).
    glyphs: Vec<(Direction, Glyph)>,
    /// Where the previous glyph's advance left the pen.
    next_x: f64,
    /// What is known of the glyphs of the document seen so far.
    known: Known,
}

/// Facts about glyphs that take a look into their font, kept per glyph for
/// the whole document. (`GlyphIdentifier` holds its font program behind an
/// `Arc`; its hash and equality are those of the program's content, which
/// never changes.)
#[derive(Default)]
struct Known {
    /// Whether a glyph the PDF maps to no text draws nothing (a space).
    blank: FxHashMap<GlyphIdentifier, bool>,
    /// Whether a glyph's font is bold: see [`is_bold`].
    bold: FxHashMap<GlyphIdentifier, bool>,
}

/// Which way a glyph's baseline runs on the page: a quarter turn
/// (0 = left to right, 1 = bottom to top, 2, 3) or [`Collector::SKEWED`].
type Direction = u8;

impl Collector {
    /// The glyphs set the way most of the page's text runs, with their
    /// places turned to read along it. Text set another way — a chart's
    /// axis labels turned a quarter, a stamp up the margin — would scatter
    /// a letter per line across the page's lines and columns, so it is
    /// left out; a page turned as a whole (a landscape table) reads whole.
    fn upright(self) -> Vec<Glyph> {
        let mut counts = [0usize; 5];
        for (direction, _) in &self.glyphs {
            counts[usize::from(*direction)] += 1;
        }
        // ties go to ordinary left-to-right text
        let main = (0..5u8)
            .max_by_key(|&d| (counts[usize::from(d)], std::cmp::Reverse(d)))
            .unwrap_or(0);
        self.glyphs
            .into_iter()
            // a page all set askew is read as it stands
            .filter(|(direction, _)| main == Self::SKEWED || *direction == main)
            .map(|(_, glyph)| glyph)
            .collect()
    }

    /// A baseline's direction from the glyph's transform: the quarter turn
    /// it is within 5° of, else skewed.
    fn direction(a: f64, b: f64) -> Direction {
        if b == 0.0 && a > 0.0 {
            return 0;
        }
        let turns = b.atan2(a) / std::f64::consts::FRAC_PI_2;
        let nearest = turns.round();
        if (turns - nearest).abs() > 5.0 / 90.0 {
            return Self::SKEWED;
        }
        nearest.rem_euclid(4.0) as Direction
    }

    const SKEWED: Direction = 4;
}

impl Device<'_> for Collector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'_>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        let mut first = true;
        // one font draws the whole run
        let bold = match run.glyphs().first().map(|g| &**g) {
            Some(HayroGlyph::Outline(outline)) => *self
                .known
                .bold
                .entry(outline.identifier())
                .or_insert_with(|| is_bold(outline)),
            _ => false,
        };
        for glyph in run.glyphs() {
            let transform: Affine = props.transform * glyph.transform();
            let origin = transform * Point::ZERO;
            // Glyph space has 1000 units to the em; the y column is free of
            // the horizontal stretch hayro applies to fit widths.
            let [a, b, c, d, _, _] = transform.as_coeffs();
            let size = (c.hypot(d) * 1000.0).max(0.1);
            // The origin along the baseline's direction and across it, so
            // text turned with its page reads as if it were upright.
            let direction = Self::direction(a, b);
            let (along, across) = match direction {
                1 => (origin.y, origin.x),
                2 => (-origin.x, origin.y),
                3 => (-origin.y, -origin.x),
                _ => (origin.x, -origin.y),
            };
            let advance = match &**glyph {
                HayroGlyph::Outline(outline) => outline.advance_width(),
                HayroGlyph::Type3(type3) => type3.advance_width(),
            }
            .map_or(500.0, f64::from)
                / 1000.0
                * size;
            let text = match glyph.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) if !s.is_empty() => s,
                // A glyph the PDF maps to no text: blank, a space; drawn, it
                // is marked, for a ligature ("fi") may be put back there.
                _ => match &**glyph {
                    HayroGlyph::Outline(outline)
                        if *self
                            .known
                            .blank
                            .entry(outline.identifier())
                            .or_insert_with(|| outline.outline().is_empty()) =>
                    {
                        String::new()
                    }
                    _ => MISSING.to_string(),
                },
            };
            // hayro gives one run per text-showing operator; a glyph away
            // from where the pen stood is a new string, as a word may be.
            let moved = (along - self.next_x).abs() > 0.02 * size;
            self.next_x = along + advance;
            let word_start = std::mem::replace(&mut first, false) || moved;
            if text.is_empty() {
                continue;
            }
            self.glyphs.push((
                direction,
                Glyph {
                    text,
                    x: along,
                    // page space grows upwards; layout wants y growing down
                    y: across,
                    width: advance,
                    size,
                    word_start,
                    bold,
                },
            ));
        }
    }
}

/// Whether a glyph's font is bold, as its name or weight says
/// ("Calibri-Bold", "ArialNarrow-Black", weight 600 or more). Only embedded
/// TrueType and OpenType fonts tell: Type 1 fonts do not, and count as not.
fn is_bold(outline: &OutlineGlyph) -> bool {
    let Some(font) = outline.font_data() else {
        return false;
    };
    let named = font.postscript_name.is_some_and(|name| {
        let name = name.to_ascii_lowercase();
        ["bold", "black", "heavy", "semibold", "demi"]
            .iter()
            .any(|w| name.contains(w))
    });
    named || font.weight.is_some_and(|w| w >= 600)
}

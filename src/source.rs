//! Reading minutes files: folder walking, decoding, content hashing, and
//! rendering PDF (`source::pdf`) and HTML (`source::html`) files as plain text.
//!
//! Architecture invariant: this is the only stage that touches input files;
//! it yields whole texts and never interprets them beyond "is this text"
//! and rendering a file's layout (pages, lines, blocks, tables) as lines.

use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};

mod html;
mod pdf;

/// Extensions of plain-text files.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];
/// Extensions of PDF files (their text layer is extracted).
pub const PDF_EXTENSIONS: &[&str] = &["pdf"];
/// Extensions of HTML pages (their main content is rendered as text).
pub const HTML_EXTENSIONS: &[&str] = &["html", "htm"];

/// How a file is read, by its extension; anything else is read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Pdf,
    Html,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        let is = |list: &[&str]| list.iter().any(|t| t.eq_ignore_ascii_case(ext));
        if is(TEXT_EXTENSIONS) {
            Some(Format::Text)
        } else if is(PDF_EXTENSIONS) {
            Some(Format::Pdf)
        } else if is(HTML_EXTENSIONS) {
            Some(Format::Html)
        } else {
            None
        }
    }
}

/// A decoded source file.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as given or found while walking.
    pub path: PathBuf,
    /// Stable identifier of the file in the store (its path relative to the
    /// input root, with `/` separators).
    pub id: String,
    /// The text, as UTF-8, with any byte-order mark removed; for PDF and
    /// HTML files the extracted text (what `councilgraph extract-text`
    /// prints), which evidence offsets index.
    pub text: String,
    /// SHA-256 of the file's bytes, hex encoded.
    pub hash: String,
    /// Byte offsets in `text` where each page starts, in page order (PDF
    /// only; empty for text and HTML files).
    pub pages: Vec<usize>,
    /// The file's size and modification time as read ([`file_stat`]),
    /// taken before its bytes: a rebuild need not read a file whose stat is
    /// the one its graph was written from.
    pub stat: Option<String>,
}

/// A file's size and modification time (nanoseconds since the epoch), as
/// "SIZE MTIME": what tools like make and cargo trust to say a file is
/// unchanged. `None` where the file system gives no modification time.
pub fn file_stat(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{} {}", metadata.len(), modified.as_nanos()))
}

/// Why a file could not be read as minutes text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("file is empty")]
    Empty,
    #[error("binary file (NUL byte at offset {0})")]
    Binary(usize),
    #[error("not valid UTF-8 (invalid byte at line {line}, offset {offset})")]
    InvalidUtf8 { line: usize, offset: usize },
    #[error("PDF is encrypted and needs a password (decrypt it first, e.g. `qpdf --decrypt`)")]
    PdfEncrypted,
    #[error("PDF has no text layer ({pages} page(s) of images, a scan?): run OCR first (e.g. `ocrmypdf`)")]
    PdfNoText { pages: usize },
    #[error("not a readable PDF: {0}")]
    PdfUnreadable(String),
    #[error("HTML page has no text outside scripts, styles and navigation")]
    HtmlNoText,
    #[error("line {line} is {bytes} bytes long (limit {limit}): not minutes text")]
    LineTooLong { line: usize, bytes: usize, limit: usize },
}

/// The longest line a file may have. Minutes' longest paragraphs are a few
/// kilobytes; extraction time grows with line length, so a longer line
/// (a minified dump, a data file) is refused rather than read for minutes.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// How a text file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Not UTF-8, and no byte sequence in it is UTF-8 beyond ASCII: read
    /// as Windows-1252 (a superset of Latin-1, what Word and older
    /// publishing systems write), with a warning.
    Windows1252,
}

/// A file that failed, with its path, for one-line diagnostics.
#[derive(Debug, Clone)]
pub struct FileFailure {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for FileFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

pub fn hash_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Decodes raw bytes into text, refusing binary input and text that is
/// neither UTF-8 nor Windows-1252 ([`decode_with_encoding`]).
pub fn decode(bytes: &[u8]) -> Result<String, SourceError> {
    decode_with_encoding(bytes).map(|(text, _)| text)
}

/// Decodes raw bytes into text, saying which encoding was used. UTF-8 (a
/// byte-order mark is dropped) is read as is. Bytes that are not UTF-8 are
/// read as Windows-1252 only when every non-ASCII byte fails to be UTF-8
/// (so a UTF-8 file with one bad byte is refused, never turned into
/// mojibake) and the result has no control characters but tab, CR, LF and
/// form feed; otherwise the error names the line of the first invalid byte.
pub fn decode_with_encoding(bytes: &[u8]) -> Result<(String, Encoding), SourceError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SourceError::Empty);
    }
    if let Some(pos) = bytes.iter().take(8192).position(|b| *b == 0) {
        return Err(SourceError::Binary(pos));
    }
    // CRLF line ends are read as LF, so every rule sees one kind of line
    // break (evidence offsets index this text, as `extract-text` prints it).
    let lf = |text: String| {
        if text.contains("\r\n") {
            text.replace("\r\n", "\n")
        } else {
            text
        }
    };
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((lf(s.to_string()), Encoding::Utf8)),
        Err(e) => {
            if let Some(text) = windows_1252(bytes) {
                return Ok((lf(text), Encoding::Windows1252));
            }
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            Err(SourceError::InvalidUtf8 { line, offset })
        }
    }
}

/// `bytes` as Windows-1252 text, when they plausibly are.
fn windows_1252(bytes: &[u8]) -> Option<String> {
    let any_utf8_beyond_ascii = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
    if any_utf8_beyond_ascii {
        return None;
    }
    let (text, _, had_errors) = encoding_rs::WINDOWS_1252.decode(bytes);
    let controls = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}'));
    (!had_errors && !controls).then(|| text.into_owned())
}

/// Refuses text with a line longer than [`MAX_LINE_BYTES`].
fn check_line_lengths(text: &str) -> Result<(), SourceError> {
    match text.split('\n').enumerate().find(|(_, l)| l.len() > MAX_LINE_BYTES) {
        Some((n, l)) => Err(SourceError::LineTooLong {
            line: n + 1,
            bytes: l.len(),
            limit: MAX_LINE_BYTES,
        }),
        None => Ok(()),
    }
}

/// Reads one file; `id` is the identifier it gets in the store. The hash
/// is always of the file's bytes; the text is extracted by [`extract_text`].
pub fn read_source(path: &Path, id: String) -> Result<Source, SourceError> {
    read_source_noting(path, id).map(|(source, warning)| {
        if let Some(warning) = warning {
            tracing::warn!("{}: {warning}", path.display());
        }
        source
    })
}

/// [`read_source`], returning instead of logging the warning a file that
/// was read anyway gets (not UTF-8, read as Windows-1252).
pub fn read_source_noting(path: &Path, id: String) -> Result<(Source, Option<String>), SourceError> {
    // Before the bytes: a change made while reading leaves a newer stat
    // than the one recorded, so the next build reads the file again.
    let stat = file_stat(path);
    let bytes = std::fs::read(path).map_err(|e| SourceError::Io(e.to_string()))?;
    let hash = hash_bytes(&bytes);
    let (text, pages, encoding) = extract_text_with_encoding(path, &bytes)?;
    let warning = (encoding == Encoding::Windows1252)
        .then(|| "not UTF-8; read as Windows-1252 (convert it to UTF-8 to silence this)".to_string());
    let source = Source {
        path: path.to_path_buf(),
        id,
        text,
        hash,
        pages,
        stat,
    };
    Ok((source, warning))
}

/// The text a file's bytes are read as, chosen by the file's extension
/// ([`Format::of`]; unknown extensions are read as text), with the byte
/// offsets where its pages start (PDF only).
/// Lines longer than [`MAX_LINE_BYTES`] are refused.
pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<(String, Vec<usize>), SourceError> {
    extract_text_with_encoding(path, bytes).map(|(text, pages, _)| (text, pages))
}

fn extract_text_with_encoding(path: &Path, bytes: &[u8]) -> Result<(String, Vec<usize>, Encoding), SourceError> {
    let (text, pages, encoding) = match Format::of(path).unwrap_or(Format::Text) {
        Format::Text => {
            let (text, encoding) = decode_with_encoding(bytes)?;
            (text, Vec::new(), encoding)
        }
        Format::Pdf => {
            let (text, pages) = pdf::extract(bytes)?;
            (text, pages, Encoding::Utf8)
        }
        Format::Html => (html::render(bytes)?, Vec::new(), Encoding::Utf8),
    };
    check_line_lengths(&text)?;
    Ok((text, pages, encoding))
}

/// One input file found by [`discover`], with the id it will have in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    pub path: PathBuf,
    pub id: String,
}

/// Expands the given paths: files as given, folders walked recursively for
/// files with a [`TEXT_EXTENSIONS`], [`PDF_EXTENSIONS`] or
/// [`HTML_EXTENSIONS`] extension, in sorted order. Ids are paths
/// relative to the current directory when possible, so that the same file
/// gets the same id however it was named on the command line.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Discovered>, FileFailure> {
    let cwd = std::env::current_dir().ok();
    discover_below(paths, cwd.as_deref())
}

/// [`discover`], with ids relative to `root` (a store's source root)
/// rather than the current directory.
pub fn discover_below(paths: &[PathBuf], root: Option<&Path>) -> Result<Vec<Discovered>, FileFailure> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| FileFailure {
            path: path.clone(),
            reason: format!("cannot read: {e}"),
        })?;
        if meta.is_dir() {
            walk(path, &mut out).map_err(|e| FileFailure {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        } else {
            out.push(path.clone());
        }
    }
    out.sort();
    out.dedup();
    let root = root.and_then(|r| std::fs::canonicalize(r).ok());
    Ok(out
        .into_iter()
        .map(|path| {
            let id = source_id(&path, root.as_deref());
            Discovered { path, id }
        })
        .collect())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if Format::of(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}

pub fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

/// The store identifier of a path: relative to `root` (canonical, as
/// [`discover_below`] and `store::SourceRoot` hold it) when below it, else
/// absolute; always with `/` separators and without a leading `./`.
pub fn source_id(path: &Path, root: Option<&Path>) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = root
        .and_then(|r| absolute.strip_prefix(r).ok().map(Path::to_path_buf))
        .unwrap_or(absolute);
    shown.to_string_lossy().replace('\\', "/")
}

/// `to` as a path relative to `from` (`..` for each step up), both
/// absolute and canonical; `None` when they share no root (another drive).
pub fn relative_path(from: &Path, to: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let mut from_parts = from.components().peekable();
    let mut to_parts = to.components().peekable();
    if from_parts.peek() != to_parts.peek()
        || !matches!(from_parts.peek(), Some(Component::RootDir | Component::Prefix(_)))
    {
        return None;
    }
    while from_parts.peek().is_some() && from_parts.peek() == to_parts.peek() {
        from_parts.next();
        to_parts.next();
    }
    let mut relative: PathBuf = from_parts.map(|_| Component::ParentDir).collect();
    relative.extend(to_parts);
    Some(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_empty_binary_and_invalid_utf8() {
        assert_eq!(decode(b""), Err(SourceError::Empty));
        assert_eq!(decode(b"  \n\t"), Err(SourceError::Empty));
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(SourceError::Binary(4)));
        // UTF-8 beyond ASCII with one bad byte: refused, not read as Windows-1252.
        assert_eq!(
            decode(b"ok\nCaf\xc3\xa9\n\xe9"),
            Err(SourceError::InvalidUtf8 { line: 3, offset: 9 })
        );
        // Not Windows-1252 either: a control character.
        assert_eq!(
            decode(b"ok\nCaf\xe9\x01"),
            Err(SourceError::InvalidUtf8 { line: 2, offset: 6 })
        );
    }

    #[test]
    fn decode_reads_windows_1252_when_no_byte_is_utf8() {
        assert_eq!(
            decode_with_encoding(b"Caf\xe9 \x93quoted\x94 \x96 \xa3100").unwrap(),
            ("Café “quoted” – £100".to_string(), Encoding::Windows1252)
        );
        assert_eq!(decode_with_encoding("Café".as_bytes()).unwrap().1, Encoding::Utf8);
    }

    #[test]
    fn overlong_lines_are_refused_with_their_line() {
        let text = format!("a\nb\n{}\n", "x".repeat(MAX_LINE_BYTES + 1));
        assert_eq!(
            extract_text(Path::new("a.txt"), text.as_bytes()),
            Err(SourceError::LineTooLong {
                line: 3,
                bytes: MAX_LINE_BYTES + 1,
                limit: MAX_LINE_BYTES
            })
        );
    }

    #[test]
    fn relative_paths_step_up_then_down() {
        let rel =
            |a: &str, b: &str| relative_path(Path::new(a), Path::new(b)).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(rel("/p/.councilgraph/store", "/p").as_deref(), Some("../.."));
        assert_eq!(rel("/tmp/s", "/work/main").as_deref(), Some("../../work/main"));
        assert_eq!(rel("/p", "/p/data").as_deref(), Some("data"));
        assert_eq!(rel("/p", "/p").as_deref(), Some(""));
        assert_eq!(rel("relative", "/p"), None);
    }

    #[test]
    fn decode_strips_bom_only() {
        assert_eq!(decode(b"\xEF\xBB\xBFPresent:-").unwrap(), "Present:-");
    }

    #[test]
    fn decode_reads_crlf_as_lf() {
        assert_eq!(decode(b"A\r\n\r\nB\rC\n").unwrap(), "A\n\nB\rC\n");
    }
}

//! The smallest `typst::World` that typesets a deliverable: one main template, the
//! shared template and the data as files in memory, and the fonts the binary embeds.
//!
//! Why in memory: nothing is read from the network or the disk while typesetting, so a
//! PDF builds the same on a fresh machine, and no template can read files it was not given.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The fonts every PDF embeds: DejaVu Sans, regular and bold (themes/default/fonts).
const FONTS: &[&[u8]] = &[
    include_bytes!("../../themes/default/fonts/DejaVuSans.ttf"),
    include_bytes!("../../themes/default/fonts/DejaVuSans-Bold.ttf"),
];

/// A file the world serves: its virtual path and bytes (`.typ` files are also sources).
pub(crate) struct VirtualFile {
    /// The path typst asks for, e.g. `/report.typ` or `/data.json`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// The world one deliverable is typeset in.
pub(crate) struct MemoryWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    files: HashMap<FileId, (String, Bytes)>,
    today: Datetime,
}

impl MemoryWorld {
    /// A world whose main file is `main` (a path among `files`) and whose `today` is `today`.
    pub(crate) fn new(main: &str, files: Vec<VirtualFile>, today: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = FontBook::from_fonts(&fonts);
        let files = files
            .into_iter()
            .map(|f| (file_id(&f.path), (f.path, Bytes::new(f.bytes))))
            .collect();
        let today = Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8)
            .unwrap_or_else(|| Datetime::from_ymd(1970, 1, 1).expect("a valid date"));
        MemoryWorld {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(book),
            fonts,
            main: file_id(main),
            files,
            today,
        }
    }

    /// The path of the file `id` names, for diagnostics.
    pub(crate) fn path_of(&self, id: FileId) -> Option<&str> {
        self.files.get(&id).map(|(path, _)| path.as_str())
    }
}

/// The id of the project file at `path`.
pub(crate) fn file_id(path: &str) -> FileId {
    let vpath =
        VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new("/invalid").expect("a valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

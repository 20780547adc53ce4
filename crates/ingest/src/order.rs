//! The ordered hand-off from the analysis threads to the writer.
//!
//! Readers number every item they read (articles, errors, a job's end) in reading
//! order; analysis threads take items in any order and finish them in any order; the
//! writer takes them back in number order. So the articles of one input are stored in
//! the order the input lists them however many threads analyse it, and the link
//! stage's story decisions (which depend on arrival order) are those of a serial run:
//! a kill -9 and re-run redoes the lost batch in the same order.
//!
//! [`Window`] bounds the items read but not yet taken by the writer, so one slow
//! article holds back at most a window's worth of finished ones in memory.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex};

/// Numbers items in reading order, at most `size` ahead of the writer.
pub struct Window {
    /// (next number to hand out, items the writer has taken)
    state: Mutex<(u64, u64)>,
    taken: Condvar,
    size: u64,
}

impl Window {
    pub fn new(size: usize) -> Window {
        Window {
            state: Mutex::new((0, 0)),
            taken: Condvar::new(),
            size: size.max(1) as u64,
        }
    }

    /// The next number; blocks while `size` items are out and not yet taken.
    pub fn ticket(&self) -> u64 {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while s.0 - s.1 >= self.size {
            s = self.taken.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        s.0 += 1;
        s.0 - 1
    }

    /// The writer has taken every item numbered below `upto`.
    pub fn taken(&self, upto: u64) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if upto > s.1 {
            s.1 = upto;
            self.taken.notify_all();
        }
    }
}

/// Items arriving in any order, given back in number order.
pub struct Reorder<T> {
    next: u64,
    pending: BTreeMap<u64, T>,
}

impl<T> Default for Reorder<T> {
    fn default() -> Self {
        Reorder {
            next: 0,
            pending: BTreeMap::new(),
        }
    }
}

impl<T> Reorder<T> {
    pub fn push(&mut self, number: u64, item: T) {
        self.pending.insert(number, item);
    }

    /// The next item in order, if it has arrived.
    pub fn pop(&mut self) -> Option<T> {
        let item = self.pending.remove(&self.next)?;
        self.next += 1;
        Some(item)
    }

    /// Every item numbered below this has been popped.
    pub fn popped(&self) -> u64 {
        self.next
    }

    /// What is left when no more items will come (a thread died with a number): the
    /// rest in order, gaps skipped.
    pub fn drain(&mut self) -> impl Iterator<Item = T> + '_ {
        std::mem::take(&mut self.pending).into_values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn items_come_back_in_number_order_whatever_order_they_arrive_in() {
        let mut r = Reorder::default();
        r.push(2, "c");
        assert_eq!(r.pop(), None, "0 has not arrived");
        r.push(0, "a");
        assert_eq!(r.pop(), Some("a"));
        assert_eq!(r.pop(), None, "1 has not arrived");
        r.push(1, "b");
        assert_eq!(r.pop(), Some("b"));
        assert_eq!(r.pop(), Some("c"));
        assert_eq!(r.popped(), 3);
        r.push(5, "f");
        r.push(4, "e");
        assert_eq!(r.drain().collect::<Vec<_>>(), vec!["e", "f"]);
    }

    #[test]
    fn the_window_blocks_a_reader_until_the_writer_takes() {
        let w = Arc::new(Window::new(2));
        assert_eq!((w.ticket(), w.ticket()), (0, 1));
        let w2 = Arc::clone(&w);
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || tx.send(w2.ticket()).unwrap());
        assert!(
            rx.recv_timeout(std::time::Duration::from_millis(100))
                .is_err(),
            "a third ticket with two out and none taken"
        );
        w.taken(1);
        assert_eq!(
            rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap(),
            2
        );
        reader.join().unwrap();
    }
}

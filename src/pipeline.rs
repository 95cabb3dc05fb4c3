//! Checking in parallel, reporting in order.
//!
//! A batch run reads, checks and reports thousands of files. Every thread, the calling one
//! included, takes the next item as soon as it is free; the calling thread also reports each
//! result as soon as all the results before it are reported, between items of its own. So the
//! output is the same for any number of threads, no thread waits for a whole batch to finish,
//! no thread is woken for every result, and at most a fixed number of items are in flight:
//! memory does not grow with the number of items.

use std::any::Any;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Items in flight per thread: enough to keep every thread busy while one slow item holds
/// up the report, few enough to keep memory flat.
const WINDOW_PER_THREAD: usize = 16;

type Outcome<R> = Result<R, Box<dyn Any + Send>>;

/// Stops the workers when dropped.
struct StopOnDrop<'a> {
    stop: &'a AtomicBool,
    reported: &'a Mutex<usize>,
    progressed: &'a Condvar,
}

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the workers under the lock, so that none can miss the stop between its check
        // and its wait.
        let _guard = self.reported.lock().unwrap_or_else(|e| e.into_inner());
        self.progressed.notify_all();
    }
}

/// Applies `work` to every item of `input` on `threads` threads (the calling thread and
/// `threads - 1` others), and gives the results to `sink`, on the calling thread, in input
/// order. Stops at the first error from `sink` and returns it. A panic in `work` is passed on
/// to the caller, after the other threads have stopped.
pub fn ordered<I, T, R, E>(
    input: I,
    threads: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
{
    if threads <= 1 {
        for item in input {
            sink(work(item))?;
        }
        return Ok(());
    }
    let window = threads * WINDOW_PER_THREAD;
    // Fused: every thread asks for items until it gets none, and some iterators (the lines of
    // a dump after a read error) would go on after their first `None`.
    let feed = Mutex::new(input.fuse().enumerate());
    // How many results the sink has taken; a worker waits while its item is `window` ahead.
    let reported = Mutex::new(0usize);
    let progressed = Condvar::new();
    let stop = AtomicBool::new(false);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Outcome<R>)>();
    // How many items have been taken.
    let taken = AtomicUsize::new(0);
    let take = || -> Option<(usize, T)> {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        let item = feed.lock().unwrap_or_else(|e| e.into_inner()).next();
        taken.fetch_add(1, Ordering::Relaxed);
        item
    };
    let run = |item: T| catch_unwind(AssertUnwindSafe(|| work(item)));

    let mut outcome = Ok(());
    let mut panic = None;
    std::thread::scope(|scope| {
        let (reported, progressed, stop, take, run) = (&reported, &progressed, &stop, &take, &run);
        for _ in 1..threads {
            let done_tx = done_tx.clone();
            // A thread that cannot be started (a process limit, little memory) is not an
            // error: the work goes on with the threads there are, this one at least.
            let spawned = if std::env::var_os("HIRELINT_TEST_FAIL_SPAWN").is_some() {
                Err(std::io::Error::other("simulated failure to start a thread"))
            } else {
                Ok(())
            };
            let spawned = spawned.and_then(|()| {
                std::thread::Builder::new().spawn_scoped(scope, move || {
                    while let Some((i, item)) = take() {
                        let mut done = reported.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *done + window && !stop.load(Ordering::Relaxed) {
                            done = progressed.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                        drop(done);
                        if stop.load(Ordering::Relaxed) || done_tx.send((i, run(item))).is_err() {
                            break;
                        }
                    }
                })
            });
            if spawned.is_err() {
                break;
            }
        }
        drop(done_tx);
        // However this thread leaves the loop below (an end, an error, a panic of the input
        // iterator), the workers stop too.
        let _stop = StopOnDrop {
            stop,
            reported,
            progressed,
        };

        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0usize;
        let mut fed = true;
        'run: loop {
            // A result a worker has finished, else one of this thread's own (while the window
            // is open), else wait for one.
            let (i, result) = match done_rx.try_recv() {
                Ok(r) => r,
                Err(_) if fed && taken.load(Ordering::Relaxed) < next + window => match take() {
                    Some((i, item)) => (i, run(item)),
                    None => {
                        fed = false;
                        continue;
                    }
                },
                Err(_) => match done_rx.recv() {
                    Ok(r) => r,
                    Err(_) => break,
                },
            };
            match result {
                Ok(r) => {
                    pending.insert(i, r);
                }
                Err(payload) => {
                    panic = Some(payload);
                    break 'run;
                }
            }
            let before = next;
            while let Some(r) = pending.remove(&next) {
                next += 1;
                if let Err(e) = sink(r) {
                    outcome = Err(e);
                    break 'run;
                }
            }
            if next > before {
                *reported.lock().unwrap_or_else(|e| e.into_inner()) = next;
                progressed.notify_all();
            }
        }
    });
    if let Some(payload) = panic {
        resume_unwind(payload);
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::ordered;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_come_in_input_order_for_any_thread_count() {
        for threads in [1, 2, 3, 8] {
            let mut got = Vec::new();
            ordered(
                0..500u64,
                threads,
                |i| {
                    // Uneven work, so that later items often finish first.
                    if i % 7 == 0 {
                        std::thread::sleep(Duration::from_micros(200));
                    }
                    i * 2
                },
                |r| {
                    got.push(r);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(
                got,
                (0..500).map(|i| i * 2).collect::<Vec<_>>(),
                "{threads}"
            );
        }
    }

    #[test]
    fn items_in_flight_stay_bounded() {
        // While the first item is slow, the others may run ahead only as far as the window.
        let started = AtomicUsize::new(0);
        let mut seen_at_first = None;
        ordered(
            0..10_000usize,
            2,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                if i == 0 {
                    std::thread::sleep(Duration::from_millis(100));
                }
                i
            },
            |r| {
                if r == 0 {
                    seen_at_first = Some(started.load(Ordering::SeqCst));
                }
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        let at_first = seen_at_first.unwrap();
        assert!(
            at_first <= 2 * super::WINDOW_PER_THREAD,
            "{at_first} started"
        );
        assert_eq!(started.load(Ordering::SeqCst), 10_000);
    }

    #[test]
    fn the_reporting_thread_stops_taking_items_at_the_window() {
        // A worker's first item is slow; the calling thread, which checks items too, must not
        // run ahead of it by more than the window.
        let caller = std::thread::current().id();
        let slow_taken = std::sync::Mutex::new(None);
        let started = AtomicUsize::new(0);
        let mut most_ahead = 0;
        let mut next = 0;
        ordered(
            0..2_000usize,
            2,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                // Slow enough for the worker to start before the caller has done them all.
                std::thread::sleep(Duration::from_micros(50));
                if std::thread::current().id() != caller {
                    let mut slow = slow_taken.lock().unwrap();
                    if slow.is_none() {
                        *slow = Some(i);
                        drop(slow);
                        std::thread::sleep(Duration::from_millis(100));
                    }
                }
                i
            },
            |r| {
                assert_eq!(r, next);
                next += 1;
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - next);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert!(slow_taken.lock().unwrap().is_some());
        assert!(
            most_ahead <= 2 * super::WINDOW_PER_THREAD + 2,
            "{most_ahead} items ahead"
        );
    }

    #[test]
    fn input_ends_at_its_first_none() {
        // An iterator that would go on after a `None` (as the lines of a dump do after a
        // read error): nothing after the first `None` is taken, whatever the thread count.
        for threads in [1, 2, 4] {
            let mut n = 0;
            let input = std::iter::from_fn(move || {
                n += 1;
                (n != 100).then_some(n)
            })
            .take(300);
            let mut got = Vec::new();
            ordered(
                input,
                threads,
                |i| i,
                |r| {
                    got.push(r);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(got, (1..100).collect::<Vec<_>>(), "{threads}");
        }
    }

    #[test]
    fn a_panic_in_the_input_reaches_the_caller_without_a_hang() {
        for _ in 0..20 {
            let r = std::panic::catch_unwind(|| {
                let input = (0..5_000usize).inspect(|&i| assert!(i != 50, "item 50"));
                ordered(input, 2, |i| i, |_| Ok::<(), ()>(()))
            });
            assert!(r.is_err());
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let worked = AtomicUsize::new(0);
        let mut taken = 0;
        let r = ordered(
            0..100_000usize,
            2,
            |i| {
                worked.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i| {
                taken += 1;
                if i == 10 { Err("full") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("full"));
        assert_eq!(taken, 11);
        assert!(worked.load(Ordering::SeqCst) < 1000);
    }

    #[test]
    fn a_panic_in_work_reaches_the_caller_without_a_hang() {
        let r = std::panic::catch_unwind(|| {
            ordered(
                0..10_000usize,
                2,
                |i| {
                    assert!(i != 50, "item 50");
                    i
                },
                |_| Ok::<(), ()>(()),
            )
        });
        assert!(r.is_err());
    }
}

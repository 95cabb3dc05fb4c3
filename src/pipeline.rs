//! Checking in parallel, reporting in order.
//!
//! A batch run reads, checks and reports thousands of files. Workers take the next item as
//! soon as they are free, and the calling thread reports each result as soon as all the
//! results before it are reported. So the output is the same for any number of threads, no
//! thread waits for a whole batch to finish, and at most a fixed number of items are in
//! flight: memory does not grow with the number of items.

use std::any::Any;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Items in flight per thread: enough to keep every thread busy while one slow item holds
/// up the report, few enough to keep memory flat.
const WINDOW_PER_THREAD: usize = 16;

/// Applies `work` to every item of `input` on `threads` threads, and gives the results to
/// `sink` in input order. Stops at the first error from `sink` and returns it. A panic in
/// `work` is passed on to the caller, after the other threads have stopped.
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
    // How many results the sink has taken; the feeder waits while it is `window` ahead.
    let reported = Mutex::new(0usize);
    let progressed = Condvar::new();
    let stop = AtomicBool::new(false);
    let (job_tx, job_rx) = mpsc::channel::<(usize, T)>();
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Result<R, Box<dyn Any + Send>>)>();

    let mut outcome = Ok(());
    let mut panic = None;
    std::thread::scope(|scope| {
        let (reported, progressed, stop, job_rx, work) =
            (&reported, &progressed, &stop, &job_rx, &work);
        scope.spawn(move || {
            for (i, item) in input.enumerate() {
                let mut done = reported.lock().unwrap_or_else(|e| e.into_inner());
                while i >= *done + window && !stop.load(Ordering::Relaxed) {
                    done = progressed.wait(done).unwrap_or_else(|e| e.into_inner());
                }
                drop(done);
                if stop.load(Ordering::Relaxed) || job_tx.send((i, item)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                loop {
                    let job = job_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((i, item)) = job else { break };
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let result = catch_unwind(AssertUnwindSafe(|| work(item)));
                    if done_tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);

        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0usize;
        'receive: for (i, result) in done_rx.iter() {
            match result {
                Ok(r) => {
                    pending.insert(i, r);
                }
                Err(payload) => {
                    panic = Some(payload);
                    break 'receive;
                }
            }
            while let Some(r) = pending.remove(&next) {
                next += 1;
                if let Err(e) = sink(r) {
                    outcome = Err(e);
                    break 'receive;
                }
            }
            *reported.lock().unwrap_or_else(|e| e.into_inner()) = next;
            progressed.notify_all();
        }
        stop.store(true, Ordering::Relaxed);
        // Wake the feeder under the lock, so that it cannot miss the stop between its check
        // and its wait.
        let _guard = reported.lock().unwrap_or_else(|e| e.into_inner());
        progressed.notify_all();
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

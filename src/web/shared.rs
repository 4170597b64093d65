//! One request's result for every block that waits on it: the load runs once, as a task of its own, and
//! each waiter gets a clone of what it came to. A slot and a list of wakers, where a general shared
//! future would carry a notifier table and polling hand-over that one thread and one writer never need.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// A load in flight or finished; awaiting it (any number of clones, any number of times) gives its result.
pub struct SharedLoad<T: Clone + 'static>(Rc<RefCell<Slot<T>>>);

struct Slot<T> {
    result: Option<T>,
    waiting: Vec<Waker>,
}

impl<T: Clone + 'static> Clone for SharedLoad<T> {
    fn clone(&self) -> Self {
        SharedLoad(self.0.clone())
    }
}

impl<T: Clone + 'static> SharedLoad<T> {
    /// Starts `work` at once (the next microtask): it runs to the end whether or not anyone still waits,
    /// so a block removed meanwhile does not leave the page's other blocks on the same feed waiting.
    pub fn spawn(work: Pin<Box<dyn Future<Output = T>>>) -> Self {
        let load = SharedLoad(Rc::new(RefCell::new(Slot {
            result: None,
            waiting: Vec::new(),
        })));
        let slot = load.0.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = work.await;
            let waiting = {
                let mut slot = slot.borrow_mut();
                slot.result = Some(result);
                std::mem::take(&mut slot.waiting)
            };
            // Outside the borrow: a waker may poll at once.
            for w in waiting {
                w.wake();
            }
        });
        load
    }

    /// A load that has already finished.
    #[cfg(feature = "live")]
    pub fn ready(result: T) -> Self {
        SharedLoad(Rc::new(RefCell::new(Slot {
            result: Some(result),
            waiting: Vec::new(),
        })))
    }

    /// What the load came to, when it has finished.
    pub fn peek<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        f(self.0.borrow().result.as_ref())
    }
}

impl<T: Clone + 'static> Future for SharedLoad<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.0.borrow_mut();
        if let Some(r) = &slot.result {
            return Poll::Ready(r.clone());
        }
        // One waker per waiting task, however often it polls.
        if !slot.waiting.iter().any(|w| w.will_wake(cx.waker())) {
            slot.waiting.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

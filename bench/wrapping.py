"""Instrumenting the generator from a bench script: code run around each call of a function."""
import functools


def around(owner, name, enter, leave):
    """Replace `owner.name` by a wrapper that calls `enter()` before each call and
    `leave(what enter returned)` after it, also when the call raises."""
    wrapped = getattr(owner, name)

    @functools.wraps(wrapped)
    def wrapper(*args, **kwargs):
        token = enter()
        try:
            return wrapped(*args, **kwargs)
        finally:
            leave(token)
    setattr(owner, name, wrapper)

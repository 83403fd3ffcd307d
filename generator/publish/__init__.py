"""Publishing a built site safely: one build at a time, no half-written or missing site, ever.

- `lock`: an advisory lock (flock) per project and per site folder; a second build waits for
  the first, saying so in Vietnamese, or gives up after a while. The kernel drops the lock when
  its holder dies, even by SIGKILL, so a killed build never blocks the next one.
- `swap`: the site is built into a hidden sibling folder (`.site-*`) and swapped into place in
  one atomic step (rename-exchange), so a web server serving `site/` finds a complete site at
  every moment; leftovers of killed builds are swept up by the next build.
- `spare`: after a build that patched the previous site, the site it replaced is kept as the
  next build's starting point (double buffering), so that build links only what differs.
- `children`: helper processes (Pagefind) die with the build, even when it is killed; a
  preview server stopped by SIGTERM or SIGHUP removes its temporary site, as on Ctrl+C.
"""

from .children import stop_on_termination, tied_to_this_process
from .lock import DEFAULT_WAIT, BuildBusy, FileLock, hold_locks, project_lock
from .swap import publish, remove_leftovers, staging_folder

__all__ = ["DEFAULT_WAIT", "BuildBusy", "FileLock", "hold_locks", "project_lock", "publish", "remove_leftovers", "staging_folder",
           "stop_on_termination", "tied_to_this_process"]

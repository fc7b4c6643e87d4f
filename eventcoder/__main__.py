"""`python -m eventcoder` runs the command line interface."""

import gc

gc.disable()  # paused from the first import on, as `main` pauses it (see `eventcoder.cli.main`)

from eventcoder.cli import main  # noqa: E402

main()

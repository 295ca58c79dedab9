"""Entry script of the frozen build: the same ``main`` as the ``reviewer-app`` command."""

import multiprocessing

from reviewer_app.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # worker processes re-enter here in the frozen app
    raise SystemExit(main())

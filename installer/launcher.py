"""Entry script of the frozen build: the same ``main`` as the ``reviewer-app`` command.

In the frozen app ``sys.executable`` is this program, so helper processes come back here:
the PDF view's render process (``--render-worker``) and multiprocessing children.
"""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--render-worker"]:
        from reviewer_app.core.child.main import serve
        from reviewer_app.core.pdf.render_client import WORKER_FLAG

        assert WORKER_FLAG == "--render-worker"
        serve()
        raise SystemExit(0)

    import multiprocessing

    from reviewer_app.main import main

    multiprocessing.freeze_support()
    raise SystemExit(main())

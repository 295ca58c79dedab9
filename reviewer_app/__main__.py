from reviewer_app.main import main

raise SystemExit(main())

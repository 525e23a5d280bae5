"""`python -m app` starts the designer, like `mlsd`."""

import sys

from app.cli import main

sys.exit(main())

"""``python -m citybrain.core.cli``: the ``citybrain`` command."""

import sys

from citybrain.core.cli import main

sys.exit(main())

"""The frozen executables' entry: the same CLI as ``citybrain`` from a source install."""

import sys

from citybrain.core.cli import main

if __name__ == "__main__":
    sys.exit(main())

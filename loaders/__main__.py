"""`python -m loaders build | import | undo | recover | synth`: plandb's command line under its old name."""
import sys

from plandb.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

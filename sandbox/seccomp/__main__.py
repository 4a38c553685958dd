import sys

from sandbox.seccomp import main

sys.exit(main(sys.argv[1:]))

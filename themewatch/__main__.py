import sys

from themewatch.cli import main

sys.exit(main())

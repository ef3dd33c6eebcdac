from impactctl.cli import main

main()

from policytrack.cli.app import main

main()

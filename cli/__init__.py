"""The command line: ``python main.py SUBCOMMAND``; one module per command group in cli/commands."""

"""``python -m reportlint`` runs the command line."""

from reportlint.cli import main

main()

"""``python -m reportlint`` runs the command line."""

from reportlint.entry import main

main()

"""Text helpers shared by the recognizer and the rules: labels, numbers and dates."""

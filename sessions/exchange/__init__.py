"""Programme exchange: the frab schedule export, and importing programme files (CSV, frab)."""

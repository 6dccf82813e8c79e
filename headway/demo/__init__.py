"""The demo plan: the source's 2012/13 plan as data modules, and the loader that writes it."""

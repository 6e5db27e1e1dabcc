"""Discussion: questions shown one at a time with a shared timer; answers sorted like cards."""

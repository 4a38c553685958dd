"""The in-container harness: runs each case of a job in a fresh child process."""

"""The fault drills behind `make faults`: bench/faults.py and bench/faults_scaleout.py run them."""

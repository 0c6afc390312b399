"""Emergency duty: the joint roster of the district's duty units, who is on duty now (more to come)."""

"""Cases: the district's org tree and the closed loop every problem travels (platform plugin)."""

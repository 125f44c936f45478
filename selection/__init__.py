"""Selection before arrival (按需选派): the county's needs, the sending units' nominations."""

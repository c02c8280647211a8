"""The assessment screens: the rating screen and the star board."""

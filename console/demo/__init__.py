"""The demo hall: the Dengfeng City Administrative Service Center at the source's scale."""

"""The queue (排队叫号): services, tickets, window actions, the hall display's state, statistics."""

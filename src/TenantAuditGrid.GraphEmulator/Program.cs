// Placeholder entry point; the emulator issue replaces it.
return 0;

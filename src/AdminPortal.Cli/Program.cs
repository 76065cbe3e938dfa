using AdminPortal.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess());

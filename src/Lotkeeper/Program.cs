using Lotkeeper.Cli;

return await LotkeeperCommands.Create().Parse(args).InvokeAsync();

using System;
using System.IO;

namespace Mailer.Cli
{
    public static class RenderTemplate
    {
        public static void Main(string[] args)
        {
            string template = args[0];
            string body = File.ReadAllText("templates/" + template + ".txt");
            Console.WriteLine(body.Replace("{{name}}", Environment.UserName));
        }
    }
}

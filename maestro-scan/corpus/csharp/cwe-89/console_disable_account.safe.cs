using System;
using Microsoft.Data.SqlClient;

namespace Ops.Tools
{
    public static class DisableAccount
    {
        public static int Main(string[] args)
        {
            if (args.Length != 1)
            {
                Console.Error.WriteLine("usage: disable-account <email>");
                return 2;
            }
            using (var conn = new SqlConnection(Environment.GetEnvironmentVariable("DB_CONNECTION")))
            {
                conn.Open();
                var cmd = new SqlCommand("UPDATE Accounts SET Active = 0 WHERE Email = @email", conn);
                cmd.Parameters.Add(new SqlParameter("@email", args[0]));
                Console.WriteLine("disabled {0} account(s)", cmd.ExecuteNonQuery());
            }
            return 0;
        }
    }
}

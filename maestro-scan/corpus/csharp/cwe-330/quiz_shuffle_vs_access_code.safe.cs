using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace Quiz
{
    public class ExamSession
    {
        private readonly Random _random = new Random();

        public List<string> QuestionOrder(IEnumerable<string> questions)
        {
            return questions.OrderBy(_ => _random.Next()).ToList();
        }

        public string AccessCode()
        {
            return RandomNumberGenerator.GetInt32(100000, 1000000).ToString();
        }
    }
}

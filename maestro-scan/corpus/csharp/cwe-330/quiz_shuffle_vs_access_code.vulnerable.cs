using System;
using System.Collections.Generic;
using System.Linq;

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
            return _random.Next(100000, 1000000).ToString();
        }
    }
}

<?php
$payload = file_get_contents('php://input');
$job = igbinary_unserialize($payload);
$queue = new SplQueue();
$queue->enqueue($job);
http_response_code(202);

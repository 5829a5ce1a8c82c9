print("trama")
